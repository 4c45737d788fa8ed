export { type CloudClientOptions, createCloudClient } from "./client.js";
export { CloudParentBsuidError, CloudTokenRefusedError } from "./errors.js";
export { USER_AGENT } from "./user-agent.js";
