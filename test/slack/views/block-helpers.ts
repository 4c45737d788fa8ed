import type { types } from "@slack/bolt";
import { expect } from "vitest";
import type { AuditRecord } from "../../../src/moderation/types.js";

/** Reading Block Kit in tests: the words people see, the buttons they can press, Slack's hard limits. */

export function allText(blocks: readonly unknown[]): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === "button") return;
      for (const [key, inner] of Object.entries(record)) {
        if (key === "text" && typeof inner === "string") out.push(inner);
        else walk(inner);
      }
    }
  };
  walk(blocks);
  return out.join("\n");
}

/** True for the "Checking…" note posted while the real answer is on its way; false for the answer itself. */
export function isProgressNote(text: string): boolean {
  return text.includes(":hourglass_flowing_sand:");
}

export function buttons(blocks: readonly types.KnownBlock[]): types.Button[] {
  return blocks.flatMap((block) => {
    if (block.type === "actions") return block.elements.filter((e): e is types.Button => e.type === "button");
    if (block.type === "section" && block.accessory?.type === "button") return [block.accessory];
    return [];
  });
}

export function expectWithinSlackLimits(blocks: readonly types.KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(50);
  const blockIds = blocks.flatMap((block) => (block.block_id === undefined ? [] : [block.block_id]));
  expect(new Set(blockIds).size).toBe(blockIds.length);
  for (const block of blocks) {
    if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(10);
    if (block.type === "actions") {
      const ids = block.elements.map((element) => ("action_id" in element ? element.action_id : undefined));
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
  for (const button of buttons(blocks)) {
    expect(button.text.text.length).toBeLessThanOrEqual(75);
    expect(button.value?.length ?? 0).toBeLessThanOrEqual(2000);
    if (button.confirm) {
      // Slack's reference: a confirm dialog is plain text throughout.
      const parts = [button.confirm.title, button.confirm.text, button.confirm.confirm, button.confirm.deny];
      expect(parts.map((part) => part?.type)).toEqual([
        "plain_text",
        "plain_text",
        "plain_text",
        "plain_text",
      ]);
      expect(button.confirm.title?.text.length ?? 0).toBeLessThanOrEqual(100);
      expect(button.confirm.text.text.length).toBeLessThanOrEqual(300);
      expect(button.confirm.confirm?.text.length ?? 0).toBeLessThanOrEqual(30);
      expect(button.confirm.deny?.text.length ?? 0).toBeLessThanOrEqual(30);
    }
  }
}

/** An audit record of a successful block by U0MOD, with `overrides`. */
export function auditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: "a1",
    at: "2030-01-01T09:00:00Z",
    actor: "U0MOD",
    action: "block",
    contact: "+16315551000",
    outcome: "ok",
    ...overrides,
  };
}
