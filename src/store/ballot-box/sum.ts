/** The running encrypted sum row and the box's meta facts. */
import type { BoxDb } from './records.js';

/** The running sum as stored: counts and JSON texts of the per-option ciphertext sums. */
export interface StoredSum {
  readonly count: number;
  readonly sum: string;
  readonly superseded_count: number;
  readonly superseded_sum: string;
}

/** Writes the running sum (in the caller's transaction). */
export async function writeSum(t: BoxDb, s: StoredSum): Promise<void> {
  await t
    .insertInto('box_sum')
    .values({ id: 1, ...s })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...s }))
    .execute();
}

/** Reads the running sum, if one was ever written. */
export async function readSum(t: BoxDb): Promise<StoredSum | undefined> {
  const r = await t
    .selectFrom('box_sum')
    .select(['count', 'sum', 'superseded_count', 'superseded_sum'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return r && { ...r, count: Number(r.count), superseded_count: Number(r.superseded_count) };
}

/** A meta value. */
export async function getMeta(t: BoxDb, key: string): Promise<string | undefined> {
  const r = await t.selectFrom('box_meta').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

/** Sets a meta value. */
export async function putMeta(t: BoxDb, key: string, value: string): Promise<void> {
  await t
    .insertInto('box_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
