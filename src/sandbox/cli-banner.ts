import { parsePhoneNumberFromString } from "libphonenumber-js";

/** What `npm run sandbox` prints: where the sandbox is, how to log in, how to make a contact write. */
export function formatBanner(
  sandbox: { url: string; username: string; password: string },
  webhookUrl: string | undefined,
): string {
  const { url, username, password } = sandbox;
  return [
    `WhatsApp On-Premises sandbox on ${url}`,
    "",
    `  WA_API_URL=${url}`,
    `  WA_USERNAME=${username}`,
    `  WA_PASSWORD=${password}`,
    "",
    "Log in:",
    `  curl -s -X POST -u '${username}:${password}' ${url}/v1/users/login`,
    "Simulate an inbound message (the contact becomes engaged for 24 h):",
    `  curl -s -X POST ${url}/sandbox/inbound -H 'content-type: application/json' \\`,
    `    -d '{"from": "+16315551005", "text": "hello"}'`,
    "Inspect the state:",
    `  curl -s ${url}/sandbox/state`,
    "",
    webhookUrl
      ? `Inbound messages are POSTed to ${webhookUrl}`
      : "Inbound messages are not delivered anywhere: set SANDBOX_WEBHOOK_URL (and WEBHOOK_SECRET) to relay them",
    "Ctrl-C stops it.",
  ].join("\n");
}

/** What `npm run sandbox -- --cloud` prints: the Cloud settings to use and how to call block_users. */
export function formatCloudBanner(
  sandbox: {
    url: string;
    graphUrl: string;
    token: string;
    phoneNumberId: string;
    appSecret: string;
    state: { businessNumber: string };
  },
  options: { webhookUrl: string | undefined; appSecretFromEnv: boolean },
): string {
  const { url, graphUrl, token, phoneNumberId } = sandbox;
  const country = parsePhoneNumberFromString(sandbox.state.businessNumber)?.country ?? "US";
  const endpoint = `${graphUrl}/${phoneNumberId}/block_users`;
  const auth = `-H 'Authorization: Bearer ${token}'`;
  return [
    `WhatsApp Cloud API sandbox on ${url}`,
    "",
    "  WA_BACKEND=cloud   (WA_BACKEND=sandbox-cloud runs this sandbox inside the bot instead)",
    `  WA_GRAPH_URL=${graphUrl}`,
    `  WA_PHONE_NUMBER_ID=${phoneNumberId}`,
    `  WA_DEFAULT_COUNTRY=${country}`,
    `  WA_TOKEN=${token}`,
    options.appSecretFromEnv
      ? "  WA_APP_SECRET as set in the environment"
      : `  WA_APP_SECRET=${sandbox.appSecret}`,
    "",
    "List the blocklist (cursor paging: follow paging.next):",
    `  curl -s '${endpoint}?limit=15' ${auth}`,
    "Block a user who wrote in the last 24 hours (DELETE with the same body unblocks):",
    `  curl -s -X POST ${endpoint} ${auth} -H 'content-type: application/json' \\`,
    `    -d '{"messaging_product": "whatsapp", "block_users": [{"user": "+16315551001"}]}'`,
    "Simulate an inbound message from a phone number, or from a username-only user by BSUID:",
    `  curl -s -X POST ${url}/sandbox/inbound -H 'content-type: application/json' \\`,
    `    -d '{"from": "+16315551005", "text": "hello"}'`,
    `  curl -s -X POST ${url}/sandbox/inbound -H 'content-type: application/json' \\`,
    `    -d '{"userId": "US.17263549801726354980", "text": "hi"}'`,
    "Inspect the state:",
    `  curl -s ${url}/sandbox/state`,
    "",
    options.webhookUrl
      ? `Inbound messages are POSTed to ${options.webhookUrl}, signed with X-Hub-Signature-256`
      : "Inbound messages are not delivered anywhere: set SANDBOX_WEBHOOK_URL (and WA_APP_SECRET) to relay them",
    "Ctrl-C stops it.",
  ].join("\n");
}
