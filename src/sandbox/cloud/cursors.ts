import { graphErrors } from "./graph-errors.js";

/**
 * Paging cursors: opaque to clients (base64url of the position and the blocklist's version, like Meta's
 * `{"offset":…,"versionId":…}`). `before` points at a page's first row, `after` at its last.
 */
interface Cursor {
  offset: number;
  versionId: string;
}

export function encodeCursor(offset: number, version: number): string {
  const cursor: Cursor = { offset, versionId: String(version) };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/**
 * The row a cursor points at. A malformed cursor is a parameter error (100); one issued before the blocklist
 * changed answers 139102, so the client restarts from the first page.
 */
export function decodeCursor(name: string, value: string, version: number): number {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  const offset = cursor?.offset;
  if (
    typeof offset !== "number" ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    typeof cursor?.versionId !== "string"
  ) {
    throw graphErrors.parameter(`Param ${name} is not a valid cursor`);
  }
  if (cursor.versionId !== String(version)) throw graphErrors.concurrentUpdate();
  return offset;
}
