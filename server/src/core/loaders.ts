/**
 * Shared mechanics of DataLoader batches (each area had its own copy): answers in the order of the
 * requested keys, one entry per key.
 */

/** Rows grouped per parent key, in the order of `ids`; a parent without rows gets []. */
export function groupByParent<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return ids.map((id) => map.get(id)!);
}

/** One row per key, in the order of `ids`; null where there is none (not found, or not the caller's to see). */
export function oneEach<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string = (r) => (r as { id: string }).id): (T | null)[] {
  const map = new Map<string, T>(rows.map((r) => [keyOf(r), r]));
  return ids.map((id) => map.get(id) ?? null);
}
