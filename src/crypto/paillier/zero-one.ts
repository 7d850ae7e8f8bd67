/**
 * Proof that a Paillier ciphertext encrypts 0 or 1: {@link proveOneOf} over the values [0, 1].
 *
 * Hashed (see src/crypto/proofs/fiat-shamir.ts): tag `pnyx/paillier-zero-one/v1`, scope `paillier`,
 * the context, statement `{"c": c, "n": n}` and commitments `[a_0, a_1]` (JSON integers).
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import type { Check, Result } from '../result.js';
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

/** Domain tag of the 0/1 proof. */
export const PAILLIER_ZERO_ONE_TAG = 'paillier-zero-one';

/** A 0/1 proof: index 0 is the "encrypts 0" branch. */
export type PaillierZeroOneProof = OneOfProof;

const VALUES = [0n, 1n] as const;

function statement(pk: PaillierPublicKey, c: PaillierCiphertext): OneOfStatement {
  return { tag: PAILLIER_ZERO_ONE_TAG, statement: { c: intJson(c), n: intJson(pk.n) } };
}

/** Proves that c = Enc(m; r) with m ∈ {0, 1}. */
export function proveZeroOne(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  c: PaillierCiphertext,
  m: 0 | 1,
  r: bigint,
  rng: Rng,
): PaillierZeroOneProof {
  return proveOneOf(P, pk, ctx, statement(pk, c), c, VALUES, m, r, rng);
}

/** Checks a 0/1 proof; never throws (CIPHERTEXT_INVALID, PROOF_INVALID). */
export function checkZeroOne(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  c: PaillierCiphertext,
  proof: PaillierZeroOneProof,
): Check {
  return checkOneOf(P, pk, ctx, statement(pk, c), c, VALUES, proof);
}

/** JSON form `{"e": [e_0, e_1], "z": [z_0, z_1]}`. */
export function zeroOneProofToJson(proof: PaillierZeroOneProof): JsonObject {
  return oneOfProofToJson(proof);
}

/** Strict inverse of {@link zeroOneProofToJson}. */
export function zeroOneProofFromJson(v: unknown): Result<PaillierZeroOneProof> {
  return oneOfProofFromJson(v, 2, 'Paillier 0/1 proof');
}
