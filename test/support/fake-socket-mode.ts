import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeSlackApi } from "./fake-slack-api.js";
import { type SlackActor, slashCommand } from "./slack-requests.js";

/**
 * A local stand-in for Slack's Socket Mode endpoint, speaking its wire format over a real WebSocket (RFC 6455,
 * written out here because the project has no WebSocket server library):
 *
 * - `attachTo(slack)` makes the fake Web API answer `apps.connections.open` as Slack does, with a one-time
 *   `ws://…/link/?ticket=…` URL on this server (a second use of a ticket is refused with 401).
 * - On connect it greets with `{"type":"hello",…}`, answers pings with pongs and a close frame with a close frame.
 * - `send(type, payload)` delivers an envelope `{envelope_id, type, payload, accepts_response_payload}` and
 *   resolves with the app's ack `{envelope_id, payload?}`.
 */

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface SocketModeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** How many app connections are open now. */
  readonly openConnections: number;
  /** From now on `slack` answers `apps.connections.open` with a fresh URL on this fake. */
  attachTo(slack: FakeSlackApi): void;
  /** Sends an envelope on the newest open connection; resolves with its ack, rejects after `timeoutMs` (3 s). */
  send(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketModeAck>;
  /** A `/wa-check <text>` envelope, with the fields of the HTTP slash command as JSON, as Slack sends it. */
  slashCommand(
    text: string,
    options: SlackActor & { responseUrl: string },
    timeoutMs?: number,
  ): Promise<SocketModeAck>;
  /** Resolves with the close code the app sent once the newest connection is gone (undefined: no close frame). */
  closed(timeoutMs?: number): Promise<number | undefined>;
  /** Closes open connections (close frame 1000) and the server. */
  close(): Promise<void>;
}

const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;
const APP_ID = "A0APP";

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const first = 0x80 | opcode;
  if (payload.length < 126) return Buffer.concat([Buffer.from([first, payload.length]), payload]);
  if (payload.length < 0x10000) {
    const header = Buffer.from([first, 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
    return Buffer.concat([header, payload]);
  }
  const header = Buffer.alloc(10);
  header[0] = first;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(payload.length), 2);
  return Buffer.concat([header, payload]);
}

/** The first complete frame in `buffer` (client frames are masked) and the bytes after it, or undefined. */
function decodeFrame(buffer: Buffer): { frame: Frame; rest: Buffer } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer.readUInt8(0);
  const second = buffer.readUInt8(1);
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask !== undefined) {
    for (let i = 0; i < payload.length; i += 1)
      payload.writeUInt8(payload.readUInt8(i) ^ mask.readUInt8(i % 4), i);
  }
  return {
    frame: { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload },
    rest: buffer.subarray(offset + length),
  };
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`fake Socket Mode: ${what} not seen within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Connection {
  socket: Socket;
  send(message: unknown): void;
  /** Settles with the app's close code once the TCP connection is gone. */
  ended: Promise<number | undefined>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const tickets = new Set<string>();
  const connections: Connection[] = [];
  const open = new Set<Connection>();
  const ackWaiters = new Map<string, (ack: SocketModeAck) => void>();
  let envelopeCounter = 0;

  const onMessage = (text: string): void => {
    const message = JSON.parse(text) as Partial<SocketModeAck>;
    if (typeof message.envelope_id !== "string") return;
    ackWaiters.get(message.envelope_id)?.(message as SocketModeAck);
    ackWaiters.delete(message.envelope_id);
  };

  const accept = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "ws://fake");
    const ticket = url.searchParams.get("ticket") ?? "";
    const key = req.headers["sec-websocket-key"];
    if (url.pathname !== "/link/" || !tickets.delete(ticket) || typeof key !== "string") {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const acceptKey = createHash("sha1").update(`${key}${WEBSOCKET_GUID}`).digest("base64");
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${acceptKey}\r\n\r\n`,
    );

    let closeCode: number | undefined;
    let buffered: Buffer = head;
    let fragments: Buffer[] = [];
    const write = (opcode: number, payload: Buffer) => {
      if (socket.writable) socket.write(encodeFrame(opcode, payload));
    };
    const connection: Connection = {
      socket,
      send: (message) => write(OPCODE.text, Buffer.from(JSON.stringify(message))),
      ended: new Promise((resolve) => socket.on("close", () => resolve(closeCode))),
    };
    socket.on("close", () => open.delete(connection));
    socket.on("error", () => socket.destroy());

    const onFrame = ({ fin, opcode, payload }: Frame): void => {
      if (opcode === OPCODE.ping) {
        write(OPCODE.pong, payload);
        return;
      }
      if (opcode === OPCODE.close) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
        write(OPCODE.close, payload.subarray(0, 2));
        socket.end();
        return;
      }
      if (opcode === OPCODE.text || opcode === OPCODE.binary || opcode === OPCODE.continuation) {
        fragments.push(payload);
        if (!fin) return;
        const whole = Buffer.concat(fragments).toString("utf8");
        fragments = [];
        onMessage(whole);
      }
    };
    const drain = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let decoded = decodeFrame(buffered); decoded; decoded = decodeFrame(buffered)) {
        buffered = decoded.rest;
        onFrame(decoded.frame);
      }
    };
    socket.on("data", drain);

    connections.push(connection);
    open.add(connection);
    connection.send({
      type: "hello",
      num_connections: open.size,
      debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: APP_ID },
    });
    drain(Buffer.alloc(0));
  };

  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  server.on("upgrade", accept);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const newest = (): Connection => {
    const connection = connections.at(-1);
    if (connection === undefined || !open.has(connection)) {
      throw new Error("fake Socket Mode: no app is connected");
    }
    return connection;
  };

  const send: FakeSocketMode["send"] = (type, payload, timeoutMs = 3000) => {
    const connection = newest();
    envelopeCounter += 1;
    const envelopeId = `${randomUUID()}-${envelopeCounter}`;
    const acked = new Promise<SocketModeAck>((resolve) => ackWaiters.set(envelopeId, resolve));
    connection.send({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== "events_api",
    });
    return within(acked, timeoutMs, `the ack of envelope ${envelopeId}`);
  };

  return {
    get openConnections() {
      return open.size;
    },
    attachTo: (slack) => {
      slack.handle("apps.connections.open", () => {
        const ticket = randomUUID();
        tickets.add(ticket);
        return { url: `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${APP_ID}` };
      });
    },
    send,
    slashCommand: (text, options, timeoutMs) =>
      send("slash_commands", Object.fromEntries(new URLSearchParams(slashCommand(text, options))), timeoutMs),
    closed: (timeoutMs = 3000) => {
      const connection = connections.at(-1);
      if (connection === undefined)
        return Promise.reject(new Error("fake Socket Mode: no app ever connected"));
      return within(connection.ended, timeoutMs, "the app closing its connection");
    },
    close: async () => {
      await Promise.all(
        [...open].map((connection) => {
          connection.socket.write(encodeFrame(OPCODE.close, Buffer.from([0x03, 0xe8])));
          connection.socket.end();
          return within(connection.ended, 1000, "the app closing its connection").catch(() =>
            connection.socket.destroy(),
          );
        }),
      );
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
