import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { WhatsAppTimeoutError } from "../../../src/whatsapp/errors.js";
import { Cancellation } from "../../../src/whatsapp/http/cancellation.js";
import {
  endpointFor,
  exchange,
  retryAfterSeconds,
  type ServerProfile,
} from "../../../src/whatsapp/http/transport.js";

const SERVER: ServerProfile = { name: "Graph", urlVariable: "WA_GRAPH_URL", retryAfterDates: true };
const ORIGIN = "https://api.example.test";

describe("Retry-After", () => {
  const now = () => Date.parse("2030-01-01T00:00:00Z");

  it("reads delta-seconds whatever the server", () => {
    expect(retryAfterSeconds(" 3 ", false)).toBe(3);
    expect(retryAfterSeconds(["1.5", "9"], true)).toBe(1.5);
  });

  it("reads an HTTP date only where dates count, a past one as no wait", () => {
    expect(retryAfterSeconds("Tue, 01 Jan 2030 00:00:30 GMT", true, now)).toBe(30);
    expect(retryAfterSeconds("Mon, 31 Dec 2029 23:00:00 GMT", true, now)).toBe(0);
    expect(retryAfterSeconds("Tue, 01 Jan 2030 00:00:30 GMT", false, now)).toBeUndefined();
  });

  it("gives nothing for an absent, empty or unreadable header", () => {
    expect(retryAfterSeconds(undefined, true)).toBeUndefined();
    expect(retryAfterSeconds("", true)).toBeUndefined();
    expect(retryAfterSeconds("soon", true)).toBeUndefined();
  });
});

describe("one exchange", () => {
  const agents: MockAgent[] = [];
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
  });

  function mock(): MockAgent {
    const agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    agents.push(agent);
    return agent;
  }

  it("sends the method, the headers and the JSON body it is given under the base path", async () => {
    const agent = mock();
    agent
      .get(ORIGIN)
      .intercept({ path: "/v1/users", method: "DELETE" })
      .reply(200, "{}", { headers: { "retry-after": "2" } });
    const endpoint = endpointFor(`${ORIGIN}/v1/`, agent, SERVER);

    const response = await exchange(
      endpoint,
      {
        method: "DELETE",
        path: "/users",
        headers: { authorization: "Bearer t", "x-extra": "1" },
        body: { a: 1 },
      },
      1_000,
      new Cancellation(),
    );

    expect(response).toEqual({ status: 200, retryAfter: 2, text: "{}" });
    const [call] = agent.getCallHistory()?.calls() ?? [];
    expect(call?.headers).toMatchObject({ authorization: "Bearer t", "x-extra": "1" });
    expect(call?.body).toBe('{"a":1}');
  });

  it("gives up after its own timeout, naming the server", async () => {
    const agent = mock();
    agent.get(ORIGIN).intercept({ path: "/slow", method: "GET" }).reply(200, "{}").delay(2_000);
    const endpoint = endpointFor(ORIGIN, agent, SERVER);

    const sent = exchange(endpoint, { method: "GET", path: "/slow", headers: {} }, 50, new Cancellation());

    await expect(sent).rejects.toBeInstanceOf(WhatsAppTimeoutError);
    await expect(sent).rejects.toThrow("Graph did not answer within 50 ms");
  });

  it("rejects with the operation's reason when the operation ends first", async () => {
    const agent = mock();
    agent.get(ORIGIN).intercept({ path: "/slow", method: "GET" }).reply(200, "{}").delay(2_000);
    const operation = new Cancellation();
    const reason = new Error("client closed");

    const sent = exchange(
      endpointFor(ORIGIN, agent, SERVER),
      { method: "GET", path: "/slow", headers: {} },
      1_000,
      operation,
    );
    operation.abort(reason);

    await expect(sent).rejects.toBe(reason);
  });
});
