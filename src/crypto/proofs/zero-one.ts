/**
 * Disjunctive proof that an ElGamal ciphertext encrypts 0 or 1 (compact form c0, c1, f0, f1).
 *
 * Statement {"pk", "ct": {"a","b"}}; commitments [[α0, β0], [α1, β1]] with
 * α_v = g^(f_v)·a^(−c_v), β_v = pk^(f_v)·(b/g^v)^(−c_v); valid iff c0 + c1 ≡ H("zero-one", …) (mod q).
 * Verification costs 8 exponentiations (2 fixed-base).
 */
import { type Ciphertext, ciphertextToJson } from '../elgamal.js';
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { checkScalars } from './common.js';
import { exactKeys, scalarField } from './decode.js';
import { type OneOfHashInput, proveOneOf, verifiesOneOf } from './disjunctive.js';
import type { ProofContext } from './fiat-shamir.js';

/** Domain tag of the 0/1 proof (hashed as `pnyx/zero-one/v1`). */
export const ZERO_ONE_TAG = 'zero-one';

/** Compact 0/1 proof: index 0 is the "encrypts 0" branch, index 1 the "encrypts 1" branch. */
export interface ZeroOneProof {
  readonly c0: bigint;
  readonly c1: bigint;
  readonly f0: bigint;
  readonly f1: bigint;
}

function hashInput<E>(G: Group<E>, pk: E, ct: Ciphertext<E>): OneOfHashInput {
  return { tag: ZERO_ONE_TAG, statement: { ct: ciphertextToJson(G, ct), pk: G.toJson(pk) } };
}

/** Proves that ct = (g^r, g^m·pk^r) encrypts m ∈ {0, 1}. */
export function proveZeroOne<E>(
  G: Group<E>,
  ctx: ProofContext,
  pk: E,
  ct: Ciphertext<E>,
  m: 0 | 1,
  r: bigint,
  rng: Rng,
): ZeroOneProof {
  const p = proveOneOf(G, ctx, hashInput(G, pk, ct), pk, ct, 0, 2, m, r, rng);
  return { c0: p.c[0]!, c1: p.c[1]!, f0: p.f[0]!, f1: p.f[1]! };
}

/** Verifies a 0/1 proof; fails with `SCALAR_INVALID` or `PROOF_INVALID`. */
export function verifyZeroOne<E>(
  G: Group<E>,
  ctx: ProofContext,
  pk: E,
  ct: Ciphertext<E>,
  proof: ZeroOneProof,
): Check {
  // 1. Inputs: every challenge and response is a scalar in [0, q).
  const s = checkScalars(G, '0/1 proof', [proof.c0, proof.c1, proof.f0, proof.f1]);
  if (!s.ok) return s;
  // 2–3. Recompute both branches' commitments; c0 + c1 must equal the challenge hash.
  const p = { c: [proof.c0, proof.c1], f: [proof.f0, proof.f1] };
  if (!verifiesOneOf(G, ctx, hashInput(G, pk, ct), pk, ct, 0, p))
    return fail('PROOF_INVALID', 'the 0/1 proof does not verify');
  return OK;
}

/** JSON form `{"c0","c1","f0","f1"}` (scalars). */
export function zeroOneProofToJson<E>(G: Group<E>, p: ZeroOneProof): JsonObject {
  return {
    c0: G.scalarToJson(p.c0),
    c1: G.scalarToJson(p.c1),
    f0: G.scalarToJson(p.f0),
    f1: G.scalarToJson(p.f1),
  };
}

/** Strict inverse of {@link zeroOneProofToJson}. */
export function zeroOneProofFromJson<E>(G: Group<E>, v: unknown): Result<ZeroOneProof> {
  const what = '0/1 proof';
  const o = exactKeys(v, ['c0', 'c1', 'f0', 'f1'], what);
  if (!o.ok) return o;
  const c0 = scalarField(G, o.value, 'c0', what);
  if (!c0.ok) return c0;
  const c1 = scalarField(G, o.value, 'c1', what);
  if (!c1.ok) return c1;
  const f0 = scalarField(G, o.value, 'f0', what);
  if (!f0.ok) return f0;
  const f1 = scalarField(G, o.value, 'f1', what);
  if (!f1.ok) return f1;
  return ok({ c0: c0.value, c1: c1.value, f0: f0.value, f1: f1.value });
}
