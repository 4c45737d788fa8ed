import type { ServerResponse } from "node:http";

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    // Health, metrics and webhook answers describe this instant; a proxy must not replay them.
    "cache-control": "no-store",
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), "application/json; charset=utf-8");
}
