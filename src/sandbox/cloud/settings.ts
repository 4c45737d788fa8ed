import { SandboxInputError } from "../errors.js";
import {
  DEFAULT_BLOCKLIST_LIMIT,
  DEFAULT_GRAPH_VERSION,
  SANDBOX_CLOUD_APP_SECRET,
  SANDBOX_CLOUD_TOKEN,
  SANDBOX_PHONE_NUMBER_ID,
  SANDBOX_WABA_ID,
} from "./defaults.js";
import type { CloudSandboxOptions } from "./types.js";

/** The Cloud shape's identity and limits, defaults filled in. */
export interface CloudSettings {
  token: string;
  phoneNumberId: string;
  wabaId: string;
  appSecret: string;
  graphVersion: string;
  blocklistLimit: number;
}

function check(ok: boolean, problem: string): void {
  if (!ok) throw new SandboxInputError(problem);
}

export function resolveCloudSettings(options: CloudSandboxOptions): CloudSettings {
  const settings: CloudSettings = {
    token: options.token ?? SANDBOX_CLOUD_TOKEN,
    phoneNumberId: options.phoneNumberId ?? SANDBOX_PHONE_NUMBER_ID,
    wabaId: options.wabaId ?? SANDBOX_WABA_ID,
    appSecret: options.appSecret ?? SANDBOX_CLOUD_APP_SECRET,
    graphVersion: options.graphVersion ?? DEFAULT_GRAPH_VERSION,
    blocklistLimit: options.blocklistLimit ?? DEFAULT_BLOCKLIST_LIMIT,
  };
  check(/^\S+$/.test(settings.token), "token must be non-empty, without spaces");
  check(/^\d{1,20}$/.test(settings.phoneNumberId), "phoneNumberId must be digits");
  check(/^\d{1,20}$/.test(settings.wabaId), "wabaId must be digits");
  check(settings.appSecret !== "", "appSecret must not be empty");
  check(/^v\d+\.\d+$/.test(settings.graphVersion), `graphVersion must look like "v25.0"`);
  check(
    Number.isInteger(settings.blocklistLimit) && settings.blocklistLimit >= 1,
    "blocklistLimit must be a whole number of 1 or more",
  );
  return settings;
}
