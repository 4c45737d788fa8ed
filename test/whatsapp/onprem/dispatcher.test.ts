import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppConnectionError, WhatsAppTlsError } from "../../../src/whatsapp/errors.js";
import {
  createDispatcher,
  createOnPremClient,
  FAST_RETRY_POLICY,
  NO_RETRY_POLICY,
} from "../../../src/whatsapp/onprem/index.js";
import { captureLogger } from "../../support/capture-logger.js";
import { freePort } from "../../support/free-port.js";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const dispatchers: Agent[] = [];
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.close()));
});

function pingThrough(baseUrl: string, caFile?: string, retry = NO_RETRY_POLICY): Promise<void> {
  const dispatcher = createDispatcher(caFile === undefined ? {} : { caFile });
  dispatchers.push(dispatcher);
  const client = createOnPremClient({
    baseUrl,
    dispatcher,
    auth: { token: "tok-loopback" },
    timeoutMs: 2_000,
    retry,
    logger: captureLogger(),
    rateLimit: false,
  });
  return client.ping();
}

describe("the keep-alive dispatcher over real loopback sockets", () => {
  it("reports a refused connection as a connection error", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await pingThrough(closed, undefined, FAST_RETRY_POLICY).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WhatsAppConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("names WA_CA_FILE when the file cannot be read", () => {
    expect(() => createDispatcher({ caFile: "/nonexistent/wa-ca.pem" })).toThrow(
      expect.objectContaining({ code: "wa_tls", message: expect.stringMatching(/WA_CA_FILE.*ENOENT/) }),
    );
  });

  describe.skipIf(!hasOpenssl())("with a self-signed node (skipped: needs the openssl command)", () => {
    let dir: string;
    let server: Server;
    let baseUrl: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "wa-tls-"));
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
          ...["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1"],
          ...["-subj", "/CN=wa-onprem-test", "-addext", "subjectAltName=IP:127.0.0.1"],
        ],
        { stdio: "ignore" },
      );
      writeFileSync(join(dir, "not-pem.txt"), "hello");
      server = createServer(
        { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
        (_request, response) => {
          response.setHeader("content-type", "application/json");
          response.end(
            JSON.stringify({
              health: { gateway_status: "connected" },
              meta: { api_status: "stable", version: "v2.41.2" },
            }),
          );
        },
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    });

    it("refuses the certificate by default, pointing at WA_CA_FILE", async () => {
      const error = await pingThrough(baseUrl).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WhatsAppTlsError);
      expect((error as Error).message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT.*WA_CA_FILE/);
    });

    it("trusts it once WA_CA_FILE holds it", async () => {
      await expect(pingThrough(baseUrl, join(dir, "cert.pem"))).resolves.toBeUndefined();
    });

    it("says so when WA_CA_FILE holds no certificate", () => {
      expect(() => createDispatcher({ caFile: join(dir, "not-pem.txt") })).toThrow(/no PEM certificate/);
    });
  });
});
