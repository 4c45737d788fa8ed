import { describe, expect, it } from "vitest";
import { formatCloudBanner } from "../../src/sandbox/cli-banner.js";
import { startCloudSandbox } from "./cloud-harness.js";

describe("the Cloud banner of npm run sandbox -- --cloud", () => {
  it("says which settings point the bot at it and how to call block_users", async () => {
    const sandbox = await startCloudSandbox();
    const banner = formatCloudBanner(sandbox, { webhookUrl: undefined, appSecretFromEnv: false });
    expect(banner).toContain(`WA_GRAPH_URL=${sandbox.url}/v25.0`);
    expect(banner).toContain(`WA_PHONE_NUMBER_ID=${sandbox.phoneNumberId}`);
    expect(banner).toContain(`WA_TOKEN=${sandbox.token}`);
    expect(banner).toContain("WA_DEFAULT_COUNTRY=US");
    expect(banner).toContain(`WA_APP_SECRET=${sandbox.appSecret}`);
    expect(banner).toContain(`${sandbox.graphUrl}/${sandbox.phoneNumberId}/block_users`);
  });

  it("never prints an app secret that came from the environment", async () => {
    const sandbox = await startCloudSandbox({
      webhook: { url: "http://127.0.0.1:1/hook", appSecret: "from-env" },
    });
    const banner = formatCloudBanner(sandbox, {
      webhookUrl: "http://127.0.0.1:1/hook",
      appSecretFromEnv: true,
    });
    expect(banner).not.toContain("from-env");
    expect(banner).toContain("signed with X-Hub-Signature-256");
  });
});
