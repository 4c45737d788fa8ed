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
