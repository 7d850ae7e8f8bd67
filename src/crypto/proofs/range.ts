/**
 * Selection-limit (range) proof: an ElGamal ciphertext encrypts some m ∈ [min, max].
 *
 * A disjunction over the values min … max (see `disjunctive.ts`): statement
 * {"pk", "ct": {"a","b"}, "min", "max"}, commitments [[α_v, β_v] for v = min … max], one challenge and
 * one response per value; valid iff Σ c_v ≡ H("range", …) (mod q). Verification costs 4 exponentiations
 * per value (one fixed-base).
 */
import { type Ciphertext, ciphertextToJson } from '../elgamal.js';
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { type Check, CryptoUsageError, fail, OK, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { checkScalars } from './common.js';
import { arrayField, exactKeys } from './decode.js';
import { type OneOfHashInput, proveOneOf, verifiesOneOf } from './disjunctive.js';
import type { ProofContext } from './fiat-shamir.js';

/** Domain tag of the range proof (hashed as `pnyx/range/v1`). */
export const RANGE_TAG = 'range';

/** The most values one range proof may cover (max − min + 1). */
export const RANGE_MAX_VALUES = 1024;

/** Compact range proof: one challenge and one response per value min … max. */
export interface RangeProof {
  readonly c: readonly bigint[];
  readonly f: readonly bigint[];
}

function hashInput<E>(G: Group<E>, pk: E, ct: Ciphertext<E>, min: number, max: number): OneOfHashInput {
  return { tag: RANGE_TAG, statement: { ct: ciphertextToJson(G, ct), max, min, pk: G.toJson(pk) } };
}

function validBounds(min: number, max: number): boolean {
  return (
    Number.isSafeInteger(min) &&
    Number.isSafeInteger(max) &&
    min >= 0 &&
    max >= min &&
    max - min < RANGE_MAX_VALUES
  );
}

/** Proves that ct = (g^r, g^m·pk^r) encrypts m with min ≤ m ≤ max. */
export function proveRange<E>(
  G: Group<E>,
  ctx: ProofContext,
  pk: E,
  ct: Ciphertext<E>,
  m: number,
  r: bigint,
  min: number,
  max: number,
  rng: Rng,
): RangeProof {
  if (!validBounds(min, max))
    throw new CryptoUsageError(`range bounds must satisfy 0 ≤ min ≤ max < min + ${RANGE_MAX_VALUES}`);
  return proveOneOf(G, ctx, hashInput(G, pk, ct, min, max), pk, ct, min, max - min + 1, m - min, r, rng);
}

/** Verifies a range proof; fails with `PARAMETER_INVALID`, `SCALAR_INVALID` or `PROOF_INVALID`. */
export function verifyRange<E>(
  G: Group<E>,
  ctx: ProofContext,
  pk: E,
  ct: Ciphertext<E>,
  min: number,
  max: number,
  proof: RangeProof,
): Check {
  // 1. Inputs: sane bounds, one challenge and one response per value, all scalars in [0, q).
  if (!validBounds(min, max))
    return fail('PARAMETER_INVALID', `range bounds must satisfy 0 ≤ min ≤ max < min + ${RANGE_MAX_VALUES}`);
  const n = max - min + 1;
  if (proof.c.length !== n || proof.f.length !== n)
    return fail('PROOF_INVALID', `the range proof must have ${n} challenges and ${n} responses`);
  const s = checkScalars(G, 'range proof', [...proof.c, ...proof.f]);
  if (!s.ok) return s;
  // 2–3. Recompute every branch's commitments; the challenges must add up to the challenge hash.
  if (!verifiesOneOf(G, ctx, hashInput(G, pk, ct, min, max), pk, ct, min, proof))
    return fail(
      'PROOF_INVALID',
      `the proof that the ciphertext encrypts a value in [${min}, ${max}] does not verify`,
    );
  return OK;
}

/** JSON form `{"c": [<scalar>…], "f": [<scalar>…]}`. */
export function rangeProofToJson<E>(G: Group<E>, p: RangeProof): JsonObject {
  return { c: p.c.map((x) => G.scalarToJson(x)), f: p.f.map((x) => G.scalarToJson(x)) };
}

/** Strict inverse of {@link rangeProofToJson}: equal, non-zero lengths up to {@link RANGE_MAX_VALUES}. */
export function rangeProofFromJson<E>(G: Group<E>, v: unknown): Result<RangeProof> {
  const o = exactKeys(v, ['c', 'f'], 'range proof');
  if (!o.ok) return o;
  const c = arrayField(o.value.c, 'range proof.c', RANGE_MAX_VALUES, (x) => G.scalarFromJson(x));
  if (!c.ok) return c;
  const f = arrayField(o.value.f, 'range proof.f', RANGE_MAX_VALUES, (x) => G.scalarFromJson(x));
  if (!f.ok) return f;
  if (c.value.length === 0 || c.value.length !== f.value.length)
    return fail('ENCODING_INVALID', 'range proof needs as many responses as challenges, at least one');
  return ok({ c: c.value, f: f.value });
}
