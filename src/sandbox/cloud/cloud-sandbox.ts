import { DEFAULT_API_VERSION } from "../api-version.js";
import { assertWebhook, createInbound } from "../inbound.js";
import { extendHandle, prepareSandbox, serveSandbox } from "../launch.js";
import { createCloudDialect } from "./dialect.js";
import { cloudInboundShape } from "./inbound.js";
import { resolveCloudSettings } from "./settings.js";
import type { CloudSandboxHandle, CloudSandboxOptions } from "./types.js";

/** The Cloud shape: Graph `block_users` with a bearer token, and inbound messages as signed Cloud webhooks. */
export async function startCloudSandbox(options: CloudSandboxOptions): Promise<CloudSandboxHandle> {
  const settings = resolveCloudSettings(options);
  assertWebhook(options.webhook);
  // The On-Premises `meta.version` means nothing here; the state keeps the default for its control answers.
  const core = await prepareSandbox(options, "cloud", DEFAULT_API_VERSION);
  let webhook = options.webhook;
  const appSecret = () => webhook?.appSecret ?? settings.appSecret;
  const account = {
    wabaId: settings.wabaId,
    phoneNumberId: settings.phoneNumberId,
    displayPhoneNumber: core.state.businessNumber.slice(1),
  };
  const simulateInbound = createInbound(
    core,
    cloudInboundShape(core.state, account, () => (webhook ? { webhook, appSecret: appSecret() } : undefined)),
  );
  const dialect = createCloudDialect(settings, simulateInbound);
  const base = await serveSandbox(core, dialect, { ...options, label: "WhatsApp Cloud API sandbox" });
  return extendHandle<CloudSandboxHandle>(base, {
    shape: "cloud",
    graphUrl: `${base.url}/${settings.graphVersion}`,
    token: settings.token,
    phoneNumberId: settings.phoneNumberId,
    wabaId: settings.wabaId,
    get appSecret() {
      return appSecret();
    },
    setWebhook: (next) => {
      assertWebhook(next);
      webhook = next;
    },
    simulateInbound,
  });
}
