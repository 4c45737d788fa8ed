import { describe, expect, it } from "vitest";
import {
  blockBody,
  cloudClient,
  cloudFixture,
  graphErrorOf,
  shapeOf,
  startCloudSandbox,
} from "./cloud-harness.js";
import { request } from "./sandbox-harness.js";

const NIGHT_OWL = "US.15820394857610293847"; // username only, wrote 15 minutes ago
const QUIET_HERON = "US.17263549801726354980"; // username only, never wrote
const MARCUS = { phone: "+16315551002", waId: "16315551002", bsuid: "US.10736251948273645012" };

describe("POST /{version}/{phone-number-id}/block_users", () => {
  describe("when every user wrote in the last 24 hours", () => {
    it("answers 200 with added_users in Meta's documented shape and blocks them in order", async () => {
      const { sandbox, call } = await cloudClient();
      const response = await call(
        "POST",
        "/block_users",
        blockBody({ user: "+16315551001" }, { user: MARCUS.phone }),
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        messaging_product: "whatsapp",
        block_users: {
          added_users: [
            { input: "+16315551001", wa_id: "16315551001" },
            { input: MARCUS.phone, wa_id: MARCUS.waId },
          ],
        },
      });
      expect(shapeOf(response.body)).toEqual(
        shapeOf(cloudFixture("meta-docs-block-response-all-added.json")),
      );
      expect(sandbox.state.blocklist.slice(-2)).toEqual(["16315551001", MARCUS.waId]);
    });

    it("translates a number typed without + with the business's country code", async () => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user: "631-555-1001" }));
      expect(response.body).toMatchObject({
        block_users: { added_users: [{ input: "631-555-1001", wa_id: "16315551001" }] },
      });
    });
  });

  describe("when one user never wrote", () => {
    it("answers 400 with failed_users (131047) beside added_users and a top-level 139100, as Meta's mixed example", async () => {
      const { sandbox, call } = await cloudClient();
      const response = await call(
        "POST",
        "/block_users",
        blockBody({ user: "+16315551001" }, { user: "+16315551005" }),
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        messaging_product: "whatsapp",
        block_users: {
          added_users: [{ input: "+16315551001", wa_id: "16315551001" }],
          failed_users: [
            {
              input: "+16315551005",
              wa_id: "16315551005",
              errors: [
                {
                  message: "Re-engagement required",
                  code: 131047,
                  error_data: { details: "User has not messaged in the last 24 hours" },
                },
              ],
            },
          ],
        },
        error: {
          message: "(#139100) Failed to block/unblock users",
          type: "OAuthException",
          code: 139100,
          error_data: {
            details: "Failed to block some users, see the block_users response list for details",
          },
          fbtrace_id: expect.any(String),
        },
      });
      expect(shapeOf(response.body)).toEqual(
        shapeOf(cloudFixture("meta-docs-block-response-mixed-139100.json")),
      );
      expect(sandbox.state.blocklist).toContain("16315551001");
      expect(sandbox.state.blocklist).not.toContain("16315551005");
    });

    it("answers the same 131047, without wa_id, for a number that is not on WhatsApp", async () => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user: "+16315559999" }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        block_users: { failed_users: [{ input: "+16315559999", errors: [{ code: 131047 }] }] },
        error: { code: 139100 },
      });
      const failed = (response.body as { block_users: { failed_users: object[] } }).block_users
        .failed_users[0];
      expect(failed).not.toHaveProperty("wa_id");
    });

    it("answers 131047 for a user whose last message is 25 hours old", async () => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user: "+16315551004" }));
      expect(response.body).toMatchObject({
        block_users: { failed_users: [{ errors: [{ code: 131047 }] }] },
      });
    });
  });

  describe("by BSUID", () => {
    it("blocks a user known only by BSUID and answers user_id, not wa_id", async () => {
      const { sandbox, call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user_id: NIGHT_OWL }));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        messaging_product: "whatsapp",
        block_users: { added_users: [{ input: NIGHT_OWL, user_id: NIGHT_OWL }] },
      });
      expect(sandbox.state.blocklist.at(-1)).toBe(NIGHT_OWL);
    });

    it("blocks a phone user by its BSUID under its wa_id, answering user_id only", async () => {
      const { sandbox, call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user_id: MARCUS.bsuid }));
      expect(response.body).toEqual({
        messaging_product: "whatsapp",
        block_users: { added_users: [{ input: MARCUS.bsuid, user_id: MARCUS.bsuid }] },
      });
      expect(sandbox.state.blocklist.at(-1)).toBe(MARCUS.waId);
    });

    it("lets user win when an element has both user and user_id", async () => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", {
        messaging_product: "whatsapp",
        block_users: [{ user: "+16315551001", user_id: QUIET_HERON }],
      });
      expect(response.body).toMatchObject({
        block_users: { added_users: [{ input: "+16315551001", wa_id: "16315551001" }] },
      });
    });

    it("answers 131047 for a username-only user who never wrote", async () => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", blockBody({ user_id: QUIET_HERON }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        block_users: { failed_users: [{ input: QUIET_HERON, errors: [{ code: 131047 }] }] },
      });
    });

    it("refuses a parent BSUID with a Graph parameter error (100) and blocks nobody", async () => {
      const { sandbox, call } = await cloudClient();
      const before = [...sandbox.state.blocklist];
      const response = await call(
        "POST",
        "/block_users",
        blockBody({ user: "+16315551001" }, { user_id: "US.ENT.11815799212886844830" }),
      );
      expect(response.status).toBe(400);
      expect(graphErrorOf(response)).toMatchObject({
        type: "OAuthException",
        code: 100,
        message: expect.stringMatching(/^\(#100\) .*parent BSUID/),
        fbtrace_id: expect.any(String),
      });
      expect(response.body).not.toHaveProperty("block_users");
      expect(sandbox.state.blocklist).toEqual(before);
    });
  });

  it("answers 131021 for the business's own number", async () => {
    const { call } = await cloudClient();
    const response = await call("POST", "/block_users", blockBody({ user: "+16315550100" }));
    expect(response.body).toMatchObject({
      block_users: { failed_users: [{ input: "+16315550100", errors: [{ code: 131021 }] }] },
      error: { code: 139100 },
    });
  });

  it("answers 139101 once the blocklist is full, blocking nothing more", async () => {
    const { sandbox, call } = await cloudClient({ blocklistLimit: 36 });
    const response = await call("POST", "/block_users", blockBody({ user: "+16315551001" }));
    expect(response.body).toMatchObject({ block_users: { failed_users: [{ errors: [{ code: 139101 }] }] } });
    expect(sandbox.state.blocklist).toHaveLength(36);
  });

  describe("with a body Graph refuses as a whole", () => {
    it.each([
      ["no messaging_product", { block_users: [{ user: "+16315551001" }] }, /messaging_product is required/],
      ["an empty list", blockBody(), /at least 1/],
      [
        "1,001 users",
        blockBody(...Array.from({ length: 1001 }, () => ({ user: "+16315551001" }))),
        /at most 1,000/,
      ],
      [
        "an element with neither field",
        { messaging_product: "whatsapp", block_users: [{}] },
        /block_users\[0\]/,
      ],
      ["a user_id that is not a BSUID", blockBody({ user_id: "13491208655302741918" }), /not|BSUID/],
    ])("answers 400 with code 100 for %s", async (_name, body, message) => {
      const { call } = await cloudClient();
      const response = await call("POST", "/block_users", body);
      expect(response.status).toBe(400);
      expect(graphErrorOf(response)).toMatchObject({ code: 100, message: expect.stringMatching(message) });
    });

    it("answers 100 for a body that is not JSON", async () => {
      const sandbox = await startCloudSandbox();
      const response = await request(sandbox, "POST", `/v25.0/${sandbox.phoneNumberId}/block_users`, {
        token: sandbox.token,
        rawBody: '{"block_users": [',
      });
      expect(response.status).toBe(400);
      expect(graphErrorOf(response)).toMatchObject({ code: 100 });
    });
  });
});

describe("DELETE /{version}/{phone-number-id}/block_users", () => {
  it("unblocks with removed_users, no 24-hour rule, as Meta's example", async () => {
    const { sandbox, call } = await cloudClient();
    const response = await call(
      "DELETE",
      "/block_users",
      blockBody({ user: "+16315551010" }, { user: "+16315551011" }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      messaging_product: "whatsapp",
      block_users: {
        removed_users: [
          { input: "+16315551010", wa_id: "16315551010" },
          { input: "+16315551011", wa_id: "16315551011" },
        ],
      },
    });
    expect(sandbox.state.blocklist).not.toContain("16315551010");
    expect(sandbox.state.blocklist).toHaveLength(34);
  });

  it("unblocks a username-only user by BSUID", async () => {
    const { sandbox, call } = await cloudClient();
    const response = await call("DELETE", "/block_users", blockBody({ user_id: "US.11928374655647382910" }));
    expect(response.body).toMatchObject({
      block_users: { removed_users: [{ user_id: "US.11928374655647382910" }] },
    });
    expect(sandbox.state.blocklist).not.toContain("US.11928374655647382910");
  });

  it("answers a mixed 400 with 131047 for a number that is not on WhatsApp", async () => {
    const { call } = await cloudClient();
    const response = await call(
      "DELETE",
      "/block_users",
      blockBody({ user: "+16315551010" }, { user: "+16315559999" }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      block_users: {
        removed_users: [{ input: "+16315551010", wa_id: "16315551010" }],
        failed_users: [{ input: "+16315559999", errors: [{ code: 131047 }] }],
      },
      error: {
        code: 139100,
        error_data: {
          details: "Failed to unblock some users, see the block_users response list for details",
        },
      },
    });
  });
});
