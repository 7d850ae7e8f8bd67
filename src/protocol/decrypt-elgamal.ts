/**
 * Decrypting an ElGamal tally: each trustee posts one partial decryption per question and option, each
 * with a Chaum–Pedersen proof against its verification key; any k valid shares (k-of-n, Lagrange) or all
 * n shares (n-of-n, product) combine into g^count, and a bounded discrete log gives the count.
 *
 * A share's proofs use the election fingerprint with the label `{"tally": [q, o]}` (the trustee index is
 * added by the threshold layer).
 *
 * Share wire form: `{"trustee": l, "partials": [[<partial decryption>, …], …]}`.
 */
import type { DlogSolver } from '../crypto/dlog.js';
import type { Ciphertext } from '../crypto/elgamal.js';
import { isJsonObject, type JsonObject } from '../crypto/encoding/canonical-json.js';
import type { Group } from '../crypto/group/group.js';
import type { ProofContext } from '../crypto/proofs/fiat-shamir.js';
import { type Check, fail, OK, ok, type Result, within } from '../crypto/result.js';
import type { Rng } from '../crypto/rng.js';
import { combinePartials, combineProduct, decryptWithCombined } from '../crypto/threshold/combine.js';
import {
  checkPartialDecryption,
  type PartialDecryption,
  partialDecrypt,
  partialDecryptionFromJson,
  partialDecryptionToJson,
} from '../crypto/threshold/partial.js';
import type { EncryptedTally } from './tally.js';

/** One trustee's decryption share of a whole tally. */
export interface TallyShare<E> {
  readonly trustee: number;
  readonly partials: readonly (readonly PartialDecryption<E>[])[];
}

/** How shares combine: any k of n (Lagrange) or all n (product of keys). */
export type CombineMode = { readonly kind: 'threshold'; readonly k: number } | { readonly kind: 'product' };

function shareCtx(fingerprint: string, q: number, o: number): ProofContext {
  return { fingerprint, label: { tally: [q, o] } };
}

/** Trustee `trustee` with secret share x decrypts every ciphertext of the tally, with proofs. */
export function shareTally<E>(
  G: Group<E>,
  fingerprint: string,
  tally: EncryptedTally<Ciphertext<E>>,
  trustee: number,
  x: bigint,
  rng: Rng,
): TallyShare<E> {
  return {
    trustee,
    partials: tally.map((row, q) =>
      row.map((ct, o) => partialDecrypt(G, shareCtx(fingerprint, q, o), ct, trustee, x, rng)),
    ),
  };
}

/** Checks every partial decryption of a share against the trustee's verification key. Never throws. */
export function checkTallyShare<E>(
  G: Group<E>,
  fingerprint: string,
  tally: EncryptedTally<Ciphertext<E>>,
  verificationKey: E,
  share: TallyShare<E>,
): Check {
  if (share.partials.length !== tally.length)
    return fail('DECRYPTION_INVALID', 'share has the wrong number of rows');
  for (let q = 0; q < tally.length; q++) {
    const row = share.partials[q]!;
    if (row.length !== tally[q]!.length)
      return fail('DECRYPTION_INVALID', `share row ${q} has the wrong length`);
    for (let o = 0; o < row.length; o++) {
      const pd = row[o]!;
      if (pd.trustee !== share.trustee) {
        return fail(
          'DECRYPTION_INVALID',
          `partial [${q}][${o}] names trustee ${pd.trustee}, not ${share.trustee}`,
        );
      }
      const c = checkPartialDecryption(G, shareCtx(fingerprint, q, o), tally[q]![o]!, verificationKey, pd);
      if (!c.ok) return within(`trustee ${share.trustee} partial [${q}][${o}]`, c);
    }
  }
  return OK;
}

/** JSON form of a tally share. */
export function tallyShareToJson<E>(G: Group<E>, s: TallyShare<E>): JsonObject {
  return {
    trustee: s.trustee,
    partials: s.partials.map((row) => row.map((pd) => partialDecryptionToJson(G, pd))),
  };
}

/** Strict decoder of a tally share (structure and group membership; proofs are checked separately). */
export function tallyShareFromJson<E>(G: Group<E>, v: unknown): Result<TallyShare<E>> {
  if (!isJsonObject(v) || Object.keys(v).length !== 2 || !Array.isArray(v.partials) || !('trustee' in v)) {
    return fail('DECRYPTION_INVALID', 'a tally share has exactly "trustee" and "partials"');
  }
  const trustee = v.trustee;
  if (typeof trustee !== 'number' || !Number.isSafeInteger(trustee) || trustee < 1) {
    return fail('DECRYPTION_INVALID', 'trustee must be a positive integer');
  }
  const partials: PartialDecryption<E>[][] = [];
  for (let q = 0; q < v.partials.length; q++) {
    const row: unknown = v.partials[q];
    if (!Array.isArray(row)) return fail('DECRYPTION_INVALID', `partials[${q}] must be a list`);
    const out: PartialDecryption<E>[] = [];
    for (let o = 0; o < row.length; o++) {
      const pd = partialDecryptionFromJson(G, row[o]);
      if (!pd.ok) return within(`partials[${q}][${o}]`, pd);
      out.push(pd.value);
    }
    partials.push(out);
  }
  return ok({ trustee, partials });
}

/**
 * Combines checked shares into counts: per ciphertext, the Lagrange (or product) combination of the
 * trustees' D values gives a^x, then g^count = b / a^x and the solver finds count.
 */
export function combineTally<E>(
  G: Group<E>,
  tally: EncryptedTally<Ciphertext<E>>,
  shares: readonly TallyShare<E>[],
  mode: CombineMode,
  solver: DlogSolver<E>,
): Result<bigint[][]> {
  const counts: bigint[][] = [];
  for (let q = 0; q < tally.length; q++) {
    const row: bigint[] = [];
    for (let o = 0; o < tally[q]!.length; o++) {
      const parts = shares.map((s) => ({ trustee: s.trustee, D: s.partials[q]![o]!.D }));
      const ax = mode.kind === 'threshold' ? combinePartials(G, parts, mode.k) : combineProduct(G, parts);
      if (!ax.ok) return ax;
      const m = solver.solve(decryptWithCombined(G, tally[q]![o]!, ax.value));
      if (!m.ok) return within(`tally[${q}][${o}]`, m);
      row.push(m.value);
    }
    counts.push(row);
  }
  return ok(counts);
}
