import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { FlowDeps } from "../../../src/slack/flows/deps.js";
import { captureLogger } from "../../support/capture-logger.js";
import {
  createFakeModeration,
  type FakeModeration,
  type FakeModerationOptions,
} from "../../support/fake-moderation.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { allText } from "../views/block-helpers.js";

/** What a listener test needs: deps around a fake core, a Slack client on the fake API, a recording ack. */
export interface Harness {
  deps: FlowDeps;
  moderation: FakeModeration;
  logger: ReturnType<typeof captureLogger>;
  client: webApi.WebClient;
  /** Every ack, with its body (undefined for an empty ack). */
  acks: unknown[];
  ack: (body?: unknown) => Promise<void>;
  clock: { now: number };
}

export function createHarness(slack: FakeSlackApi, options: FakeModerationOptions = {}) {
  const moderation = createFakeModeration(options);
  const logger = captureLogger();
  const clock = { now: Date.parse("2030-01-01T12:00:00Z") };
  const acks: unknown[] = [];
  const harness: Harness = {
    deps: {
      moderation,
      logger,
      blocklistPageSize: options.pageSize ?? 15,
      businessCountry: "US",
      moderatorsConfigured: true,
      now: () => clock.now,
    },
    moderation,
    logger,
    client: new webApi.WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } }),
    acks,
    ack: async (body?: unknown) => {
      acks.push(body);
    },
    clock,
  };
  return harness;
}

/** The last answer posted to a response URL: its body, and the words of its blocks. */
export function lastAnswer(slack: FakeSlackApi): { text: string; body: Record<string, unknown> } {
  const body = (slack.responseUrlHits.at(-1)?.body ?? {}) as Record<string, unknown>;
  return { text: allText((body.blocks as unknown[]) ?? []), body };
}

/**
 * The hooks every listener test file shares: one fake Slack API for the file, and a fresh harness around a fresh
 * fake core before each test. Tests read `suite.slack` and `suite.h`.
 */
export function useListenerSuite(options: FakeModerationOptions = {}): {
  readonly slack: FakeSlackApi;
  readonly h: Harness;
} {
  let slack: FakeSlackApi | undefined;
  let harness: Harness | undefined;
  const started = (): FakeSlackApi => {
    if (!slack) throw new Error("the fake Slack API starts in beforeAll");
    return slack;
  };
  beforeAll(async () => {
    slack = await startFakeSlackApi();
  });
  afterAll(() => slack?.close());
  beforeEach(() => {
    started().clear();
    harness = createHarness(started(), options);
  });
  return {
    get slack() {
      return started();
    },
    get h() {
      if (!harness) throw new Error("the harness is created in beforeEach");
      return harness;
    },
  };
}
