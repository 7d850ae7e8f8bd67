/**
 * A persistent append-only list: each version is a cell pointing at the previous one, so appending is
 * O(1) and ledger forks share their common prefix. Reading it in order is O(n).
 */

/** One version of a list: its last item and everything before it. */
export interface PList<T> {
  readonly last: T;
  readonly before: PList<T> | undefined;
  readonly size: number;
}

/** The list with `item` appended (`list` undefined is the empty list). */
export function pAppend<T>(list: PList<T> | undefined, item: T): PList<T> {
  return { last: item, before: list, size: (list?.size ?? 0) + 1 };
}

/** The items in order, first appended first. */
export function pToArray<T>(list: PList<T> | undefined): T[] {
  const out: T[] = new Array(list?.size ?? 0);
  for (let c = list, i = out.length - 1; c !== undefined; c = c.before, i--) out[i] = c.last;
  return out;
}
