/**
 * One group commit of the box: the new records, the superseded marks and the updated running sum, in one
 * database transaction. Returns the new sum, which the box adopts only after the commit succeeded.
 */
import { isJsonObject, parseJson } from '../../../crypto/encoding/canonical-json.js';
import type { BallotContext, EncryptedSelections } from '../../../protocol/ballot.js';
import type { BallotBoxDb } from '../../../store/ballot-box/open.js';
import { findRecord, insertRecords, markSuperseded } from '../../../store/ballot-box/records.js';
import { writeSum } from '../../../store/ballot-box/sum.js';
import type { IndexEntry } from './ballot-index.js';
import { addToSum, castCiphertexts, type RunningSum, sumToStored } from './running-sum.js';

/** One record to commit. */
export interface BoxCommitItem {
  readonly entry: IndexEntry;
  /** Canonical JSON of the cast or audit record. */
  readonly json: string;
  /** The cast's ciphertexts (casts only). */
  readonly cts?: EncryptedSelections<unknown>;
  /** Earlier casts of the same key that this cast replaces (policy `last`). */
  readonly supersedes: readonly IndexEntry[];
}

/** Writes a batch in one transaction and returns the running sum after it. */
export async function writeBatch(
  db: BallotBoxDb,
  bc: BallotContext<unknown>,
  before: RunningSum<unknown>,
  items: readonly BoxCommitItem[],
): Promise<RunningSum<unknown>> {
  return db.db.transaction().execute(async (t) => {
    await insertRecords(
      t,
      items.map(({ entry, json }) => ({
        tracker: entry.tracker,
        voter_key: entry.voter_key,
        ballot_id: entry.ballot_id,
        kind: entry.kind,
        json,
        receipt: entry.receipt ? JSON.stringify(entry.receipt) : null,
        received_at: entry.received_at,
      })),
    );
    const replaced = items.flatMap((i) => i.supersedes.map((s) => s.tracker));
    await markSuperseded(t, replaced);
    // Ciphertexts of the replaced casts: from this batch, or from the stored cast.
    const inBatch = new Map(items.map((i) => [i.entry.tracker, i.cts]));
    const replacedCts: EncryptedSelections<unknown>[] = [];
    for (const tracker of replaced) {
      const here = inBatch.get(tracker);
      if (here) {
        replacedCts.push(here);
        continue;
      }
      const row = await findRecord(t, tracker);
      const cast = row && parseJson(row.json);
      if (!cast?.ok || !isJsonObject(cast.value))
        throw new Error(`stored cast ${tracker} is missing or damaged`);
      replacedCts.push(castCiphertexts(bc, cast.value.ballot ?? null));
    }
    const accepted = items.flatMap((i) => (i.cts ? [i.cts] : []));
    const after = addToSum(bc, before, accepted, replacedCts);
    await writeSum(t, sumToStored(bc, after));
    return after;
  });
}
