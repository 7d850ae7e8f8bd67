/**
 * One group commit of the box: the new records, the superseded marks and the updated running sum, in one
 * database transaction (through the box's writer). Returns the new sum, which the box adopts only after the commit succeeded.
 */
import { isJsonObject, type JsonObject, parseJson } from '../../../crypto/encoding/canonical-json.js';
import type { BallotContext, EncryptedSelections } from '../../../protocol/ballot.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import { findRecord } from '../../../store/ballot-box/records.js';
import type { BoxWriter } from '../../../store/ballot-box/writer.js';
import type { IndexEntry } from './ballot-index.js';
import { addToSum, castCiphertexts, type RunningSum, sumToStored } from './running-sum.js';

/** One record to commit. */
export interface BoxCommitItem {
  readonly entry: IndexEntry;
  /** Canonical JSON of the cast or audit record. */
  readonly json: string;
  /** The same record, parsed. */
  readonly parsed: JsonObject;
  /** The cast's ciphertexts (casts only). */
  readonly cts?: EncryptedSelections<unknown>;
  /** Earlier casts of the same key that this cast replaces (policy `last`). */
  readonly supersedes: readonly IndexEntry[];
}

/** Writes a batch in one transaction and returns the running sum after it. */
export async function writeBatch(
  db: BallotBoxDb,
  writer: BoxWriter,
  bc: BallotContext<unknown>,
  before: RunningSum<unknown>,
  items: readonly BoxCommitItem[],
): Promise<RunningSum<unknown>> {
  const superseded = items.flatMap((i) => i.supersedes.map((s) => s.tracker));
  // Ciphertexts of the replaced casts: from this batch, or from the stored cast (committed earlier).
  const inBatch = new Map(items.map((i) => [i.entry.tracker, i.cts]));
  const replacedCts: EncryptedSelections<unknown>[] = [];
  for (const tracker of superseded) {
    const here = inBatch.get(tracker);
    if (here) {
      replacedCts.push(here);
      continue;
    }
    const row = await findRecord(db.db, tracker);
    const cast = row && parseJson(row.json);
    if (!cast?.ok || !isJsonObject(cast.value))
      throw new Error(`stored cast ${tracker} is missing or damaged`);
    replacedCts.push(castCiphertexts(bc, cast.value.ballot ?? null));
  }
  const accepted = items.flatMap((i) => (i.cts ? [i.cts] : []));
  const after = addToSum(bc, before, accepted, replacedCts);
  await writer.commit({
    records: items.map(({ entry, json }) => ({
      tracker: entry.tracker,
      voter_key: entry.voter_key,
      ballot_id: entry.ballot_id,
      kind: entry.kind,
      json,
      receipt: entry.receipt ? JSON.stringify(entry.receipt) : null,
      received_at: entry.received_at,
    })),
    superseded,
    sum: sumToStored(bc, after),
  });
  return after;
}
