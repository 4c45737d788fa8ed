import { APP_VERSION } from "../../common/version.js";

/**
 * `wa-moderator/<version>`, sent on every Graph call: Meta's OpenAPI spec asks for a `name/1.2.3` User-Agent
 * (docs/CONTRACT.md §1.2).
 */
export const USER_AGENT = `wa-moderator/${APP_VERSION}`;
