import { webApi } from "@slack/bolt";
import type { AppLogger } from "../log/logger.js";

/**
 * Slack Web API calls: two retries, about 0.2 s then 0.4 s apart (randomised up to twice that, capped at 1 s),
 * each attempt cut off after 4 s, so a Slack outage costs an answer at most about 14 s. Bolt's default retries
 * for about 30 minutes, which would keep a moderator waiting and pile up requests.
 */
const SLACK_RETRY_POLICY = {
  retries: 2,
  factor: 2,
  minTimeout: 200,
  maxTimeout: 1000,
  randomize: true,
};
const SLACK_REQUEST_TIMEOUT_MS = 4000;
// Listing a moderator group happens before Slack's 3-second acknowledgement: one short try, no retry, no wait
// on a rate limit (the moderator rule uses the last known list meanwhile).
const GROUP_LOOKUP_TIMEOUT_MS = 1500;

export interface SlackConnection {
  botToken: string;
  /** SLACK_API_URL: Slack's own when absent. */
  apiUrl?: string | undefined;
}

export type SlackClientOptions = webApi.WebClientOptions;

/** The options every Web API client of the app shares: Bolt's per-request clients get them too. */
export function slackClientOptions(connection: SlackConnection, logger: AppLogger): SlackClientOptions {
  // The Web API client logs whole request bodies at debug level: relayed messages and reasons would reach the
  // logs. Its own lines start at info, whatever LOG_LEVEL says.
  const clientLogger = logger.child("web-api");
  if (clientLogger.isLevelEnabled("debug")) clientLogger.setLevel("info");
  // WebClient appends the "/" that method names are joined to when the base lacks it.
  return {
    ...(connection.apiUrl === undefined ? {} : { slackApiUrl: connection.apiUrl }),
    retryConfig: SLACK_RETRY_POLICY,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
    logger: clientLogger,
  };
}

export interface SlackClients {
  /** Carries the bot token, for posts made outside any Slack request (relay, audit channel). */
  client: webApi.WebClient;
  /** Fails fast (no retry, 1.5 s, no wait on a rate limit): for look-ups made before Slack's 3-second ack. */
  groupLookupClient: webApi.WebClient;
  options: SlackClientOptions;
}

export function createSlackClients(connection: SlackConnection, logger: AppLogger): SlackClients {
  const options = slackClientOptions(connection, logger);
  return {
    client: new webApi.WebClient(connection.botToken, options),
    groupLookupClient: new webApi.WebClient(connection.botToken, {
      ...options,
      retryConfig: { retries: 0 },
      timeout: GROUP_LOOKUP_TIMEOUT_MS,
      rejectRateLimitedCalls: true,
    }),
    options,
  };
}
