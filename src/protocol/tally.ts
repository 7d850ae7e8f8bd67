/**
 * Homomorphic tally: per question and option, the sum of every counted ballot's ciphertext.
 * Its JSON form is a list (questions) of lists (options) of ciphertexts.
 */
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, within } from '../crypto/result.js';
import type { EncryptedSelections } from './ballot.js';
import type { Manifest } from './manifest.js';
import type { BallotScheme } from './scheme.js';

/** Encrypted totals: one ciphertext per question and option. */
export type EncryptedTally<C> = EncryptedSelections<C>;

/** Sums checked ballots option by option (an empty list gives encryptions of 0 without randomness). */
export function tallyBallots<C>(
  scheme: BallotScheme<C>,
  manifest: Manifest,
  ballots: readonly EncryptedSelections<C>[],
): EncryptedTally<C> {
  return manifest.questions.map((q, qi) =>
    q.options.map((_, oi) => scheme.sum(ballots.map((b) => b[qi]![oi]!))),
  );
}

/** JSON form of an encrypted tally. */
export function tallyToJson<C>(scheme: BallotScheme<C>, t: EncryptedTally<C>): JsonValue {
  return t.map((row) => row.map((ct) => scheme.ctToJson(ct)));
}

/** Strict decoder of an encrypted tally shaped like the manifest. */
export function tallyFromJson<C>(
  scheme: BallotScheme<C>,
  manifest: Manifest,
  v: unknown,
): Result<EncryptedTally<C>> {
  if (!Array.isArray(v) || v.length !== manifest.questions.length) {
    return fail('CIPHERTEXT_INVALID', 'tally must list one row per question');
  }
  const out: C[][] = [];
  for (let qi = 0; qi < v.length; qi++) {
    const row: unknown = v[qi];
    const n = manifest.questions[qi]!.options.length;
    if (!Array.isArray(row) || row.length !== n)
      return fail('CIPHERTEXT_INVALID', `tally row ${qi} must have ${n} entries`);
    const cts: C[] = [];
    for (let oi = 0; oi < n; oi++) {
      const ct = scheme.ctFromJson(row[oi]);
      if (!ct.ok) return within(`tally[${qi}][${oi}]`, ct);
      cts.push(ct.value);
    }
    out.push(cts);
  }
  return ok(out);
}
