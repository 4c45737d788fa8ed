/**
 * How a purge is paced. Expired rows are deleted in batches of short statements, each looking at no more than
 * `batchSize` rows, so no statement holds the database (or this process, which receives what it returns) for long;
 * between batches the purge yields, and stops early when the store is closing.
 */
export interface PurgeControl {
  readonly batchSize: number;
  /** Awaited between batches; false means stop now (the store is closing). */
  between(): Promise<boolean>;
}

/** One batch of a purge: the rows looked at, the last key among them, and how many of them were deleted. */
export interface PurgeBatch {
  scanned: number;
  lastKey: string | undefined;
  removed: number;
}

/**
 * Walks each table's keys in order, `batchSize` at a time (keyset pagination: every batch starts after the last key
 * of the one before, so each row is looked at once however many are expired), deleting the expired ones.
 * `batch(table, after, limit)` handles one window; the walk of a table starts after `start` and ends with a short
 * window. Returns how many rows were deleted in all.
 */
export async function purgeInBatches<Table>(
  tables: readonly Table[],
  start: string,
  control: PurgeControl,
  batch: (table: Table, after: string, limit: number) => Promise<PurgeBatch>,
): Promise<number> {
  let removed = 0;
  let first = true;
  for (const table of tables) {
    let after = start;
    for (;;) {
      if (!first && !(await control.between())) return removed;
      first = false;
      const done = await batch(table, after, control.batchSize);
      removed += done.removed;
      if (done.scanned < control.batchSize || done.lastKey === undefined) break;
      after = done.lastKey;
    }
  }
  return removed;
}
