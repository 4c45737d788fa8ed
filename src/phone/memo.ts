/**
 * A bounded least-recently-used memo for pure functions of one string key. Moderators re-check and page over the
 * same numbers all day, and libphonenumber's max metadata costs tens of microseconds a parse.
 */
export function memoize<T>(compute: (key: string) => T, capacity: number): (key: string) => T {
  const entries = new Map<string, T>();
  // One iterator kept across evictions: every entry before its position has been evicted or moved to the end, so
  // its next entry is always the least recently used. A fresh `entries.keys()` each time would step over every
  // slot deleted since the map was last compacted, which costs more than a parse once the memo is full.
  const oldestFirst = entries.keys();
  return (key) => {
    const hit = entries.get(key);
    if (hit !== undefined) {
      // Re-insert so that Map order stays least-recently-used first.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = compute(key);
    entries.set(key, value);
    if (entries.size > capacity) {
      const oldest = oldestFirst.next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    return value;
  };
}
