/**
 * Disjunctive proof that a Paillier ciphertext c encrypts one of the values v_0 … v_{k−1}, i.e. that one
 * of u_i = c·g^(−v_i) mod n² is an n-th residue, by the OR-composition of the n-th-residuosity Σ-protocol.
 *
 * Prover, knowing j and r with c = g^(v_j)·r^n mod n²:
 * - real branch j: ρ ←$ Z_n^*, a_j = ρ^n mod n²;
 * - every other branch i: e_i ←$ [0, 2^256), z_i ←$ Z_n^*, a_i = z_i^n · u_i^(−e_i) mod n²;
 * - e = H(tag, ctx, statement, [a_0 … a_{k−1}]) (a 256-bit {@link bitChallenge}, scope `paillier`);
 * - e_j = e − Σ_{i≠j} e_i mod 2^256, z_j = ρ·r^(e_j) mod n.
 * The proof is compact, `{"e": [e_i], "z": [z_i]}`: the verifier recomputes a_i = z_i^n · u_i^(−e_i) mod n²
 * and accepts iff Σ e_i ≡ H(tag, ctx, statement, [a_i]) (mod 2^256).
 *
 * Soundness needs every prime factor of n to exceed 2^256 (two answers to challenges e ≠ e′ then give an
 * n-th root of u_i, as gcd(e − e′, n) = 1), which holds for the default 3072-bit keys (1536-bit factors).
 */
import { bytesToBigBE, modInv } from '../bytes.js';
import type { JsonObject, JsonValue } from '../encoding/canonical-json.js';
import { gcd } from '../modarith.js';
import { arrayField, exactKeys } from '../proofs/decode.js';
import { bitChallenge, type ProofContext } from '../proofs/fiat-shamir.js';
import { type Check, CryptoUsageError, fail, OK, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { intJson, nonNegativeInt } from './json.js';
import type { PaillierPublicKey } from './keys.js';
import { gPow, isUnitModN2, type Paillier, type PaillierCiphertext } from './scheme.js';

/** Re-exported for callers that build Paillier statements. */
export { intJson } from './json.js';

/** Challenge size in bits. */
export const PAILLIER_CHALLENGE_BITS = 256;
const E_MOD = 1n << BigInt(PAILLIER_CHALLENGE_BITS);
/** Scope string hashed in place of a group name. */
export const PAILLIER_SCOPE = 'paillier';

/** A compact disjunctive proof: one challenge share e_i and one response z_i per allowed value. */
export interface OneOfProof {
  readonly e: readonly bigint[];
  readonly z: readonly bigint[];
}

/** What the challenge hashes besides the commitments: a domain tag and the full statement. */
export interface OneOfStatement {
  readonly tag: string;
  readonly statement: JsonValue;
}

/** The challenge e for commitments a_i. */
function challenge(ctx: ProofContext, st: OneOfStatement, a: readonly bigint[]): bigint {
  return bitChallenge(PAILLIER_CHALLENGE_BITS, st.tag, PAILLIER_SCOPE, ctx, st.statement, a.map(intJson));
}

/** Uniform e ∈ [0, 2^256). */
function randomChallenge(rng: Rng): bigint {
  return bytesToBigBE(rng(PAILLIER_CHALLENGE_BITS / 8));
}

/**
 * Proves that c = g^(values[j])·r^n mod n². The witness is not re-checked (that would cost a full
 * encryption): a wrong one yields a proof that fails {@link checkOneOf}. Throws {@link CryptoUsageError}
 * only for an index outside the values.
 */
export function proveOneOf(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  st: OneOfStatement,
  c: PaillierCiphertext,
  values: readonly bigint[],
  j: number,
  r: bigint,
  rng: Rng,
): OneOfProof {
  const { n, n2 } = pk;
  const k = values.length;
  if (!Number.isInteger(j) || j < 0 || j >= k) throw new CryptoUsageError('witness index out of range');
  const cInv = modInv(c, n2);
  const a: bigint[] = new Array(k);
  const e: bigint[] = new Array(k);
  const z: bigint[] = new Array(k);
  const rho = P.randomUnit(pk, rng);
  a[j] = P.engine.pow(rho, n, n2);
  for (let i = 0; i < k; i++) {
    if (i === j) continue;
    // Simulated branch: a_i = z_i^n · (c⁻¹·g^(v_i))^(e_i) = z_i^n · u_i^(−e_i).
    e[i] = randomChallenge(rng);
    z[i] = P.randomUnit(pk, rng);
    const uInv = (cInv * gPow(pk, values[i]!)) % n2;
    a[i] = (P.engine.pow(z[i]!, n, n2) * P.engine.pow(uInv, e[i]!, n2)) % n2;
  }
  let ej = challenge(ctx, st, a);
  for (let i = 0; i < k; i++) if (i !== j) ej -= e[i]!;
  ej %= E_MOD;
  if (ej < 0n) ej += E_MOD;
  e[j] = ej;
  z[j] = (rho * P.engine.pow(r, ej, n)) % n;
  return { e, z };
}

/** Verifies a disjunctive proof; never throws. Fails with CIPHERTEXT_INVALID or PROOF_INVALID. */
export function checkOneOf(
  P: Paillier,
  pk: PaillierPublicKey,
  ctx: ProofContext,
  st: OneOfStatement,
  c: PaillierCiphertext,
  values: readonly bigint[],
  proof: OneOfProof,
): Check {
  const { n, n2 } = pk;
  const k = values.length;
  // 1. The ciphertext is a unit mod n² (so c⁻¹ exists).
  if (!isUnitModN2(pk, c)) return fail('CIPHERTEXT_INVALID', 'ciphertext is not a unit mod n²');
  // 2. One challenge share and one response per allowed value.
  if (proof.e.length !== k || proof.z.length !== k)
    return fail('PROOF_INVALID', `proof must have ${k} challenges and ${k} responses`);
  // 3. Challenge shares in [0, 2^256); responses are units mod n.
  for (let i = 0; i < k; i++) {
    const ei = proof.e[i]!;
    const zi = proof.z[i]!;
    if (typeof ei !== 'bigint' || ei < 0n || ei >= E_MOD)
      return fail('PROOF_INVALID', `challenge ${i} is not in [0, 2^${PAILLIER_CHALLENGE_BITS})`);
    if (typeof zi !== 'bigint' || zi < 1n || zi >= n || gcd(zi, n) !== 1n)
      return fail('PROOF_INVALID', `response ${i} is not a unit mod n`);
  }
  // 4. Recompute the commitments a_i = z_i^n · u_i^(−e_i) mod n², with u_i^(−1) = c⁻¹·g^(v_i).
  const cInv = modInv(c, n2);
  const a = values.map((v, i) => {
    const uInv = (cInv * gPow(pk, v)) % n2;
    return (P.engine.pow(proof.z[i]!, n, n2) * P.engine.pow(uInv, proof.e[i]!, n2)) % n2;
  });
  // 5. The shares must add up to the hash of the statement and the commitments.
  const sum = proof.e.reduce((s, x) => s + x, 0n) % E_MOD;
  if (sum !== challenge(ctx, st, a))
    return fail('PROOF_INVALID', 'the disjunctive Paillier proof does not verify');
  return OK;
}

/** JSON form `{"e": [e_i…], "z": [z_i…]}` (JSON integers). */
export function oneOfProofToJson(proof: OneOfProof): JsonObject {
  return { e: proof.e.map(intJson), z: proof.z.map(intJson) };
}

/** Strict inverse of {@link oneOfProofToJson} for a proof of `k` branches (shape only; ranges are checked by the checker too). */
export function oneOfProofFromJson(v: unknown, k: number, what: string): Result<OneOfProof> {
  const o = exactKeys(v, ['e', 'z'], what);
  if (!o.ok) return o;
  const e = arrayField(o.value.e, `${what}.e`, k, nonNegativeInt);
  if (!e.ok) return e;
  const z = arrayField(o.value.z, `${what}.z`, k, nonNegativeInt);
  if (!z.ok) return z;
  if (e.value.length !== k || z.value.length !== k)
    return fail('ENCODING_INVALID', `${what} must have ${k} challenges and ${k} responses`);
  return ok({ e: e.value, z: z.value });
}
