import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../src/config/load-config.js";
import { type RunningBot, startBot } from "../../src/wiring.js";
import { captureLogger } from "../support/capture-logger.js";

/**
 * Local mode as `npm start` runs it with no SLACK_BOT_TOKEN (docs/CONTRACT.md §9), on an ephemeral port and a
 * fresh store, and one headless Chromium (Playwright + @sparticuz/chromium) to drive its playground page.
 */
export interface Playground {
  url: string;
  bot: RunningBot;
  logger: ReturnType<typeof captureLogger>;
  close(): Promise<void>;
}

export async function startPlayground(env: Record<string, string> = {}): Promise<Playground> {
  const dir = await mkdtemp(join(tmpdir(), "wam-playground-"));
  const logger = captureLogger("info");
  const config = loadConfig({ PORT: "0", STORE_URL: `sqlite://${join(dir, "store.sqlite")}`, ...env });
  const bot = await startBot(config, logger);
  return {
    url: `http://127.0.0.1:${bot.port}/`,
    bot,
    logger,
    close: async () => {
      await bot.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: sparticuz.args,
    headless: true,
  });
}

/** Types `text` in the composer and presses Enter, as a moderator would. */
export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: /Message/ });
  await composer.fill(text);
  await composer.press("Enter");
}
