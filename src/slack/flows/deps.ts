import type { AppLogger } from "../../log/logger.js";
import type { ModerationService } from "../../moderation/types.js";
import type { CountryCode } from "../../phone/index.js";

/** What every listener needs besides its Slack arguments. */
export interface FlowDeps {
  moderation: ModerationService;
  logger: AppLogger;
  blocklistPageSize: number;
  /** Where numbers typed without "+" are read, so the command parser can tell where one ends. */
  businessCountry: CountryCode;
  /** False when MODERATORS is empty, which refusals must say. */
  moderatorsConfigured: boolean;
  now: () => number;
}
