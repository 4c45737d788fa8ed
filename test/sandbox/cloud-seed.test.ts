import { describe, expect, it } from "vitest";
import { SandboxSeedError, startSandbox } from "../../src/sandbox/index.js";
import { startCloudSandbox } from "./cloud-harness.js";
import { DAY, startTestSandbox } from "./sandbox-harness.js";

describe("the seed on the Cloud shape", () => {
  it("adds the three username-only users to the 45 phone users; 6 engaged, 36 blocked", async () => {
    const now = Date.now();
    const sandbox = await startCloudSandbox({ now: () => now });
    const recent = [...sandbox.state.engaged.values()].filter((at) => now - at < DAY);
    expect(sandbox.state.users.size).toBe(48);
    expect(recent).toHaveLength(6);
    expect(sandbox.state.blocklist).toHaveLength(36);
    expect(sandbox.state.users.get("US.15820394857610293847")).toEqual({
      userId: "US.15820394857610293847",
      username: "@nightowl.deals",
      name: "Night Owl",
    });
    expect(sandbox.state.users.get("16315551002")).toEqual({
      waId: "16315551002",
      userId: "US.10736251948273645012",
      username: "@marcus.lee",
      name: "Marcus Lee",
    });
  });

  it("gives every user a BSUID that finds it again", async () => {
    const sandbox = await startCloudSandbox();
    for (const [key, user] of sandbox.state.users) {
      expect(user.userId).toMatch(/^[A-Z]{2}\.\d+$/);
      expect(sandbox.state.userIds.get(user.userId ?? "")).toBe(key);
    }
    expect(sandbox.state.users.get("919876500102")?.userId).toMatch(/^IN\./);
  });

  it("leaves the On-Premises shape as it was: no BSUIDs, no usernames, no phone-less users", async () => {
    const sandbox = await startTestSandbox();
    expect(sandbox.state.users.size).toBe(45);
    expect(sandbox.state.userIds.size).toBe(0);
    expect(sandbox.state.users.get("16315551002")).toEqual({ waId: "16315551002", name: "Marcus Lee" });
    expect(sandbox.state.blocklist).not.toContain("US.11928374655647382910");
  });

  describe("a custom seed", () => {
    const base = { businessNumber: "+16315550100" };

    it("takes users by BSUID, engaged and blocked by BSUID", async () => {
      const sandbox = await startCloudSandbox({
        seed: {
          ...base,
          users: [{ user_id: "US.1234567890" }, { wa_id: "16315551001", user_id: "US.555" }],
          engaged: [{ user_id: "US.1234567890" }, { user_id: "US.555" }],
          blocklist: ["US.555"],
        },
      });
      expect([...sandbox.state.engaged.keys()]).toEqual(["US.1234567890", "16315551001"]);
      expect(sandbox.state.blocklist).toEqual(["16315551001"]);
    });

    it.each([
      ["a user with neither wa_id nor user_id", { users: [{ name: "Nobody" }] }, /users\.0/],
      ["a parent BSUID", { users: [{ user_id: "US.ENT.123" }] }, /users\.0\.user_id/],
      [
        "an engaged BSUID that is not a user",
        { users: [], engaged: [{ user_id: "US.1" }] },
        /engaged\.0\.user_id/,
      ],
      ["a blocked BSUID that is not a user", { users: [], blocklist: ["US.1"] }, /blocklist\.0/],
      [
        "two users with one BSUID",
        { users: [{ user_id: "US.1" }, { user_id: "US.1" }] },
        /users\.1\.user_id/,
      ],
      ["a username without @", { users: [{ user_id: "US.1", username: "name" }] }, /users\.0\.username/],
    ])("refuses %s, naming the field", async (_name, seed, field) => {
      const attempt = startSandbox({ shape: "cloud", seed: { ...base, ...seed } });
      await expect(attempt).rejects.toThrow(SandboxSeedError);
      await expect(startSandbox({ shape: "cloud", seed: { ...base, ...seed } })).rejects.toThrow(field);
    });
  });
});
