import type { AppLogger } from "../../logger.js";
import type { ModerationService } from "../../moderation/types.js";

/** What every listener needs besides its Slack arguments. */
export interface ListenerDeps {
  moderation: ModerationService;
  logger: AppLogger;
  /** "onprem", "sandbox" or "cloud": which paging the blocklist buttons carry. */
  backendName: string;
  blocklistPageSize: number;
  /** False when MODERATORS is empty, which refusals must say. */
  moderatorsConfigured: boolean;
  now: () => number;
}
