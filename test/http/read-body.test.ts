import { afterEach, describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody } from "../../src/http/read-body.js";
import { sendJson, sendText } from "../../src/http/respond.js";
import { serve, type TestServer } from "./serve.js";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Echoes the body it read, or 413 with the error code. */
async function startEcho(maxBytes: number): Promise<TestServer> {
  return serve((req, res) => {
    readBody(req, maxBytes).then(
      (body) => sendText(res, 200, body.toString("utf8")),
      (error: unknown) =>
        sendJson(res, 413, { code: error instanceof BodyTooLargeError ? error.code : "other" }),
    );
  });
}

describe("readBody", () => {
  it("returns the whole raw body when it is within the limit", async () => {
    server = await startEcho(64);
    const response = await fetch(server.url, { method: "POST", body: "héllo, world" });
    expect(await response.text()).toBe("héllo, world");
  });

  it("refuses a body over the limit", async () => {
    server = await startEcho(8);
    const response = await fetch(server.url, { method: "POST", body: "x".repeat(9) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: "body_too_large" });
  });

  it("refuses an oversized body sent without a Content-Length", async () => {
    server = await startEcho(8);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("12345"));
        controller.enqueue(new TextEncoder().encode("67890"));
        controller.close();
      },
    });
    const response = await fetch(server.url, { method: "POST", body: stream, duplex: "half" });
    expect(response.status).toBe(413);
  });
});
