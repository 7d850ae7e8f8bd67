/**
 * The running encrypted sum of seed 001: per question and option, the homomorphic sum of the ciphertexts
 * of every cast the box accepted; beside it the sum of the casts a later cast of the same key replaced
 * (policy `last`), so that `Dec(sum) − Dec(superseded)` is what the box's current ballots hold. Values
 * are immutable; the box replaces its sum only once the commit that stores the new one succeeded.
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { canonicalJson, parseJson } from '../../../crypto/encoding/canonical-json.js';
import {
  type BallotContext,
  type EncryptedSelections,
  readBallotCiphertexts,
} from '../../../protocol/ballot.js';
import type { StoredSum } from '../../../store/ballot-box/sum.js';

/** A running sum. */
export interface RunningSum<C> {
  readonly count: number;
  readonly sum: EncryptedSelections<C>;
  readonly supersededCount: number;
  readonly superseded: EncryptedSelections<C>;
}

/** The sum of nothing: the encryption of 0 without randomness for every option. */
export function emptySum<C>(bc: BallotContext<C>): RunningSum<C> {
  const zero = bc.manifest.questions.map((q) => q.options.map(() => bc.scheme.sum([])));
  return { count: 0, sum: zero, supersededCount: 0, superseded: zero };
}

/** Option-wise sum of `base` and `add`. */
function plus<C>(bc: BallotContext<C>, base: EncryptedSelections<C>, add: readonly EncryptedSelections<C>[]) {
  if (add.length === 0) return base;
  return base.map((q, i) => q.map((ct, j) => bc.scheme.sum([ct, ...add.map((a) => a[i]![j]!)])));
}

/** The sum after `accepted` new casts and `superseded` replaced ones. */
export function addToSum<C>(
  bc: BallotContext<C>,
  s: RunningSum<C>,
  accepted: readonly EncryptedSelections<C>[],
  superseded: readonly EncryptedSelections<C>[],
): RunningSum<C> {
  return {
    count: s.count + accepted.length,
    sum: plus(bc, s.sum, accepted),
    supersededCount: s.supersededCount + superseded.length,
    superseded: plus(bc, s.superseded, superseded),
  };
}

/** JSON of per-option ciphertexts. */
export function selectionsToJson<C>(bc: BallotContext<C>, s: EncryptedSelections<C>): JsonValue[][] {
  return s.map((q) => q.map((ct) => bc.scheme.ctToJson(ct)));
}

/** The stored form of a sum. */
export function sumToStored<C>(bc: BallotContext<C>, s: RunningSum<C>): StoredSum {
  return {
    count: s.count,
    sum: canonicalJson(selectionsToJson(bc, s.sum)),
    superseded_count: s.supersededCount,
    superseded_sum: canonicalJson(selectionsToJson(bc, s.superseded)),
  };
}

function readSelections<C>(bc: BallotContext<C>, text: string): EncryptedSelections<C> {
  const v = parseJson(text);
  const out: C[][] = [];
  // The stored sum is `[[ct, …], …]`, one row per question.
  for (const q of v.ok && Array.isArray(v.value) ? v.value : [undefined]) {
    if (!Array.isArray(q))
      throw new Error('the stored running sum does not decode; the box database is damaged');
    const row: C[] = [];
    for (const ct of q) {
      const c = bc.scheme.ctFromJson(ct);
      if (!c.ok)
        throw new Error(`the stored running sum does not decode (${c.message}); the database is damaged`);
      row.push(c.value);
    }
    out.push(row);
  }
  return out;
}

/** Reads a stored sum (throws if it does not decode: the database was damaged, not bad input). */
export function sumFromStored<C>(bc: BallotContext<C>, s: StoredSum): RunningSum<C> {
  return {
    count: s.count,
    sum: readSelections(bc, s.sum),
    supersededCount: s.superseded_count,
    superseded: readSelections(bc, s.superseded_sum),
  };
}

/** The ciphertexts of a cast that passed `checkCast` (throws if they do not decode: a bug, not bad input). */
export function castCiphertexts<C>(bc: BallotContext<C>, ballot: JsonValue): EncryptedSelections<C> {
  const r = readBallotCiphertexts(bc, ballot);
  if (!r.ok) throw new Error(`a checked cast's ciphertexts do not decode: ${r.message}`);
  return r.value;
}
