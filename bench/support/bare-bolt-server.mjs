// The baseline of bench/startup-memory.ts: a bare Bolt app, plain JavaScript run by node as dist/main.js is, on
// Bolt's HTTPReceiver with the same signing secret and a bot token (which Bolt checks with auth.test on the first
// request; the bot checks it before listening), a /wa-check that only acks, and GET /healthz answering 200 at once. Reads PORT, SLACK_BOT_TOKEN,
// SLACK_SIGNING_SECRET and SLACK_API_URL from the environment; stops on SIGTERM.
import bolt from "@slack/bolt";

const { App, HTTPReceiver, LogLevel } = bolt;
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  processBeforeResponse: false,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"ok":true}');
      },
    },
  ],
});
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN,
  logLevel: LogLevel.INFO,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command("/wa-check", async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
process.once("SIGTERM", () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
