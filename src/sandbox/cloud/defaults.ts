/**
 * The Cloud sandbox's fixed identity, printed by `npm run sandbox -- --cloud`. All fictional: the token and the app
 * secret only ever guard a loopback emulator.
 */
export const SANDBOX_CLOUD_TOKEN = "EAASandboxCloudToken0waModerator0localOnly";
export const SANDBOX_CLOUD_APP_SECRET = "sandbox-cloud-app-secret";
export const SANDBOX_PHONE_NUMBER_ID = "106315550100424";
export const SANDBOX_WABA_ID = "102315550100777";
export const DEFAULT_GRAPH_VERSION = "v25.0";
/** Meta's limit on the size of a number's blocklist. */
export const DEFAULT_BLOCKLIST_LIMIT = 64_000;
