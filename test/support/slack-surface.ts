import type { CustomRoute } from "@slack/bolt";
import type { AppLogger } from "../../src/log/logger.js";
import { NotModeratorError } from "../../src/moderation/errors.js";
import {
  createModeratorRule,
  hasModerators,
  type ModeratorList,
} from "../../src/moderation/moderator-rule.js";
import type { ModerationService } from "../../src/moderation/types.js";
import type { BoltApp } from "../../src/slack/bolt-app.js";
import type { SlackSurface } from "../../src/slack/middleware/in-flight.js";
import { slackGroupMembers } from "../../src/slack/usergroup-members.js";
import { createSlackClients } from "../../src/slack/web-client.js";
import { createSlackSurface } from "../../src/wiring.js";

export interface TestSlackSurfaceOptions {
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl: string };
  port: number;
  moderation: ModerationService;
  /**
   * When set, the moderation service's `access` follows this list through the real moderator rule (group members
   * from the Slack API at `apiUrl`), as the real core's does; a fake core otherwise lets everyone in.
   */
  moderators?: ModeratorList;
  blocklistPageSize?: number;
  logger: AppLogger;
  customRoutes?: CustomRoute[];
  onRequest?: (surface: SlackSurface) => void;
  socketModeStartTimeoutMs?: number;
  maxCommandsInFlight?: number;
}

/** The Slack surface as the composition root builds it, around the moderation service a test supplies. */
export function createTestSlackSurface(options: TestSlackSurfaceOptions): BoltApp {
  const { moderators, moderation, logger } = options;
  const clients = createSlackClients(
    { botToken: options.slack.botToken, apiUrl: options.slack.apiUrl },
    logger,
  );
  const access =
    moderators === undefined
      ? moderation.access
      : ruleAccess(
          createModeratorRule({
            groupMembers: slackGroupMembers(clients.groupLookupClient),
            moderators,
            logger,
          }),
        );
  return createSlackSurface({
    slack: options.slack,
    clients,
    port: options.port,
    moderation: { ...moderation, access },
    moderatorsConfigured: moderators === undefined || hasModerators(moderators),
    blocklistPageSize: options.blocklistPageSize ?? 15,
    businessCountry: "US",
    logger,
    ...(options.customRoutes === undefined ? {} : { customRoutes: options.customRoutes }),
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    ...(options.socketModeStartTimeoutMs === undefined
      ? {}
      : { socketModeStartTimeoutMs: options.socketModeStartTimeoutMs }),
    ...(options.maxCommandsInFlight === undefined
      ? {}
      : { maxCommandsInFlight: options.maxCommandsInFlight }),
  });
}

function ruleAccess(
  isModerator: (actor: { userId: string }) => Promise<boolean>,
): ModerationService["access"] {
  return async (actor) => {
    if (!(await isModerator(actor))) throw new NotModeratorError(actor.userId);
  };
}
