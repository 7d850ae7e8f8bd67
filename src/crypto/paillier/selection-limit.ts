/**
 * Proof that a Paillier ciphertext C (the product of a ballot's option ciphertexts, so an encryption of
 * the number of selections) encrypts a value in [min, max]: {@link proveOneOf} over min, min + 1, …, max.
 * Proof size and cost grow with max − min + 1, which is capped at {@link MAX_SELECTION_SPAN}.
 *
 * Hashed: tag `pnyx/paillier-selection-limit/v1`, scope `paillier`, the context, statement
 * `{"c": C, "max": max, "min": min, "n": n}` and commitments `[a_min, …, a_max]` (JSON integers).
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import { type Check, CryptoUsageError, fail, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { intJson } from './json.js';
import type { PaillierPublicKey } from './keys.js';
import {
  checkOneOf,
  type OneOfProof,
  type OneOfStatement,
  oneOfProofFromJson,
  oneOfProofToJson,
  proveOneOf,
} from './one-of.js';
import type { Paillier, PaillierCiphertext } from './scheme.js';

/** Domain tag of the selection-limit proof. */
export const PAILLIER_SELECTION_LIMIT_TAG = 'paillier-selection-limit';
/** Largest number of allowed totals (max − min + 1) a proof may cover. */
export const MAX_SELECTION_SPAN = 256;

/** A selection-limit proof: branch i stands for the total min + i. */
export type PaillierSelectionLimitProof = OneOfProof;

/** The allowed totals, or undefined if the bounds are not 0 ≤ min ≤ max < n with a span ≤ the cap. */
function totals(pk: PaillierPublicKey, min: number, max: number): bigint[] | undefined {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) return undefined;
  if (max - min + 1 > MAX_SELECTION_SPAN || BigInt(max) >= pk.n) return undefined;
  const out: bigint[] = [];
  for (let v = min; v <= max; v++) out.push(BigInt(v));
  return out;
}

function statement(pk: PaillierPublicKey, c: PaillierCiphertext, min: number, max: number): OneOfStatement {
  return {
    tag: PAILLIER_SELECTION_LIMIT_TAG,
    statement: { c: intJson(c), max, min, n: intJson(pk.n) },
  };
}

/** Proves that C = Enc(total; R) with min ≤ total ≤ max (R = Π r_i mod n for a product of ciphertexts). */
export function proveSelectionLimit(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  c: PaillierCiphertext,
  total: number,
  r: bigint,
  min: number,
  max: number,
  rng: Rng,
): PaillierSelectionLimitProof {
  const values = totals(pk, min, max);
  if (values === undefined) throw new CryptoUsageError('selection bounds out of range');
  if (!Number.isSafeInteger(total) || total < min || total > max)
    throw new CryptoUsageError('total is outside [min, max]');
  return proveOneOf(P, pk, ctx, statement(pk, c, min, max), c, values, total - min, r, rng);
}

/** Checks a selection-limit proof; never throws (PARAMETER_INVALID, CIPHERTEXT_INVALID, PROOF_INVALID). */
export function checkSelectionLimit(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  c: PaillierCiphertext,
  min: number,
  max: number,
  proof: PaillierSelectionLimitProof,
): Check {
  const values = totals(pk, min, max);
  if (values === undefined)
    return fail(
      'PARAMETER_INVALID',
      `selection bounds must satisfy 0 ≤ min ≤ max, max − min < ${MAX_SELECTION_SPAN}`,
    );
  return checkOneOf(P, pk, ctx, statement(pk, c, min, max), c, values, proof);
}

/** Product of a ballot's option ciphertexts and of their randomness: (Π c_i mod n², Π r_i mod n). */
export function ballotTotal(
  pk: PaillierPublicKey,
  encryptions: readonly { readonly c: PaillierCiphertext; readonly r: bigint }[],
): { c: PaillierCiphertext; r: bigint } {
  let c = 1n;
  let r = 1n;
  for (const x of encryptions) {
    c = (c * x.c) % pk.n2;
    r = (r * x.r) % pk.n;
  }
  return { c, r };
}

/** JSON form `{"e": [...], "z": [...]}` with max − min + 1 entries each. */
export function selectionLimitProofToJson(proof: PaillierSelectionLimitProof): JsonObject {
  return oneOfProofToJson(proof);
}

/** Strict inverse of {@link selectionLimitProofToJson} for bounds [min, max]. */
export function selectionLimitProofFromJson(
  v: unknown,
  min: number,
  max: number,
): Result<PaillierSelectionLimitProof> {
  if (
    !Number.isSafeInteger(min) ||
    !Number.isSafeInteger(max) ||
    min < 0 ||
    max < min ||
    max - min >= MAX_SELECTION_SPAN
  )
    return fail('PARAMETER_INVALID', 'selection bounds out of range');
  return oneOfProofFromJson(v, max - min + 1, 'Paillier selection-limit proof');
}
