import type { Middleware, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { type BoltApp, createBoltApp } from "../../src/slack/bolt-app.js";
import type { ReplayGuard } from "../../src/slack/input/replay-guard.js";
import { createSlackClients } from "../../src/slack/web-client.js";
import { captureLogger } from "./capture-logger.js";

export interface CommandAppOptions {
  signingSecret: string;
  /** The fake Slack Web API the app's clients call. */
  slackApiUrl: string;
  replayGuard: ReplayGuard;
  /** The app's `/wa-check` listener. */
  listener: Middleware<SlackCommandMiddlewareArgs>;
  maxCommandsInFlight?: number;
}

export interface CommandApp {
  app: BoltApp;
  /** Its POST /slack/events URL. */
  events: string;
}

/**
 * This bot's Bolt app (createBoltApp: request guard, replay claims, in-flight bound) with one `/wa-check` listener
 * of the test's own, started on a free port: for the tests of how signed requests are claimed and replays stopped.
 */
export async function startCommandApp(options: CommandAppOptions): Promise<CommandApp> {
  const logger = captureLogger();
  const app = createBoltApp({
    slack: { botToken: "xoxb-command-app", signingSecret: options.signingSecret },
    clients: createSlackClients({ botToken: "xoxb-command-app", apiUrl: options.slackApiUrl }, logger),
    port: 0,
    logger,
    replayGuard: options.replayGuard,
    ...(options.maxCommandsInFlight === undefined
      ? {}
      : { maxCommandsInFlight: options.maxCommandsInFlight }),
  });
  app.app.command("/wa-check", options.listener);
  await app.start();
  return { app, events: `http://127.0.0.1:${app.port}/slack/events` };
}
