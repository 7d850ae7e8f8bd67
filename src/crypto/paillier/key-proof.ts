/**
 * Proof that a Paillier modulus is well formed in the sense decryption needs: gcd(n, φ(n)) = 1, so that
 * x ↦ x^n is a bijection of Z_n^* and a published decryption (m, r′) is unique.
 *
 * The key holder publishes n-th roots ρ_i of K = {@link KEY_PROOF_ROUNDS} values x_i derived from a hash:
 * x_i = hashToScalarMod(n, challengeInput("paillier-key", "paillier", ctx, {"i": i, "n": n}, [])), i.e. the
 * canonical JSON `{"commit":[],"fingerprint":…,"group":"paillier","label":…,"statement":{"i":i,"n":n},
 * "tag":"pnyx/paillier-key/v1"}` expanded by SHA-512 in counter mode to bits(n) + 128 bits and reduced
 * mod n. The holder computes ρ_i = x_i^(n⁻¹ mod φ(n)) mod n by CRT; anyone checks ρ_i^n ≡ x_i (mod n).
 *
 * Soundness: if a prime ℓ divides both n and φ(n), Z_n^* has an element of order ℓ in the kernel of
 * x ↦ x^n, so at most a 1/ℓ fraction of units are n-th powers. Public keys have no prime factor below
 * 1000 (see paillierPublicKey), so ℓ > 1000 and K = 16 hash-derived values all have roots with
 * probability below 1000^−16 < 2^−159. The proof says nothing about the number or size of n's factors.
 */
import type { JsonObject, JsonValue } from '../encoding/canonical-json.js';
import { hashToScalarMod } from '../group/scalars.js';
import { gcd } from '../modarith.js';
import { arrayField, exactKeys } from '../proofs/decode.js';
import { challengeInput, type ProofContext } from '../proofs/fiat-shamir.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import { intJson, nonNegativeInt } from './json.js';
import type { PaillierPublicKey, PaillierSecretKey } from './keys.js';
import { PAILLIER_SCOPE } from './one-of.js';
import type { Paillier } from './scheme.js';

/** Domain tag of the key proof. */
export const PAILLIER_KEY_TAG = 'paillier-key';
/** Number of n-th roots in a key proof. */
export const KEY_PROOF_ROUNDS = 16;

/** A key proof: the n-th roots ρ_i of the hash-derived x_i. */
export interface PaillierKeyProof {
  readonly roots: readonly bigint[];
}

/** The i-th hash-derived value x_i ∈ [0, n). */
function target(pk: PaillierPublicKey, ctx: ProofContext, i: number): bigint {
  const statement: JsonValue = { i, n: intJson(pk.n) };
  return hashToScalarMod(pk.n, challengeInput(PAILLIER_KEY_TAG, PAILLIER_SCOPE, ctx, statement, []));
}

/** Proves gcd(n, φ(n)) = 1 by publishing n-th roots (key holder only). */
export function proveKeyWellFormed(P: Paillier, sk: PaillierSecretKey, ctx: ProofContext): PaillierKeyProof {
  const { p, q, crt } = sk;
  const roots: bigint[] = [];
  for (let i = 0; i < KEY_PROOF_ROUNDS; i++) {
    const x = target(sk.publicKey, ctx, i);
    // ρ = x^(n⁻¹ mod φ(n)) mod n, by CRT from x^(n⁻¹ mod (p−1)) mod p and x^(n⁻¹ mod (q−1)) mod q.
    const rp = P.engine.pow(x % p, crt.nInvP1, p);
    const rq = P.engine.pow(x % q, crt.nInvQ1, q);
    let t = ((rp - rq) * crt.qInvP) % p;
    if (t < 0n) t += p;
    roots.push(rq + q * t);
  }
  return { roots };
}

/** Checks a key proof; never throws (PROOF_INVALID). */
export function checkKeyWellFormed(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  proof: PaillierKeyProof,
): Check {
  const { n } = pk;
  // 1. Exactly K roots.
  if (proof.roots.length !== KEY_PROOF_ROUNDS)
    return fail('PROOF_INVALID', `a key proof has exactly ${KEY_PROOF_ROUNDS} roots`);
  for (let i = 0; i < KEY_PROOF_ROUNDS; i++) {
    const rho = proof.roots[i]!;
    // 2. Each root is a unit mod n.
    if (typeof rho !== 'bigint' || rho < 1n || rho >= n || gcd(rho, n) !== 1n)
      return fail('PROOF_INVALID', `key proof root ${i} is not a unit mod n`);
    // 3. ρ_i^n ≡ x_i (mod n).
    if (P.engine.pow(rho, n, n) !== target(pk, ctx, i))
      return fail('PROOF_INVALID', `key proof root ${i} is not an n-th root of its target`);
  }
  return OK;
}

/** JSON form `{"roots": [ρ_0, …]}`. */
export function keyProofToJson(proof: PaillierKeyProof): JsonObject {
  return { roots: proof.roots.map(intJson) };
}

/** Strict inverse of {@link keyProofToJson} (shape only; the checker checks ranges). */
export function keyProofFromJson(v: unknown): Result<PaillierKeyProof> {
  const o = exactKeys(v, ['roots'], 'Paillier key proof');
  if (!o.ok) return o;
  const roots = arrayField(o.value.roots, 'Paillier key proof.roots', KEY_PROOF_ROUNDS, nonNegativeInt);
  if (!roots.ok) return roots;
  if (roots.value.length !== KEY_PROOF_ROUNDS)
    return fail('ENCODING_INVALID', `a key proof has exactly ${KEY_PROOF_ROUNDS} roots`);
  return ok({ roots: roots.value });
}
