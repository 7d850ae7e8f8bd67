/**
 * Schnorr proof of knowledge of x with X = g^x, in compact form (c, f).
 *
 * Prover: w ← random, t = g^w, c = H("schnorr", ctx, {X}, {t}), f = w + c·x mod q.
 * Verifier: t' = g^f · X^(−c), accept iff H("schnorr", ctx, {X}, {t'}) = c.
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { checkScalars, expGTimes, negScalar, response } from './common.js';
import { exactKeys, scalarField } from './decode.js';
import { groupChallenge, type ProofContext } from './fiat-shamir.js';

/** Domain tag of the Schnorr proof (hashed as `pnyx/schnorr/v1`). */
export const SCHNORR_TAG = 'schnorr';

/** Compact Schnorr proof: challenge c and response f. */
export interface SchnorrProof {
  readonly c: bigint;
  readonly f: bigint;
}

function challenge<E>(G: Group<E>, ctx: ProofContext, X: E, t: E): bigint {
  return groupChallenge(G, SCHNORR_TAG, ctx, { X: G.toJson(X) }, { t: G.toJson(t) });
}

/** Proves knowledge of x = log_g X (X is recomputed as g^x). */
export function proveSchnorr<E>(G: Group<E>, ctx: ProofContext, x: bigint, rng: Rng): SchnorrProof {
  const X = G.expG(x);
  const w = G.randomScalar(rng);
  const c = challenge(G, ctx, X, G.expG(w));
  return { c, f: response(G, w, c, x) };
}

/** Verifies a Schnorr proof for X; fails with `SCALAR_INVALID` or `PROOF_INVALID`. */
export function verifySchnorr<E>(G: Group<E>, ctx: ProofContext, X: E, proof: SchnorrProof): Check {
  // 1. Inputs: c and f are scalars in [0, q).
  const s = checkScalars(G, 'Schnorr proof', [proof.c, proof.f]);
  if (!s.ok) return s;
  // 2. Recompute the commitment t = g^f · X^(−c).
  const t = expGTimes(G, proof.f, [X], [negScalar(G, proof.c)]);
  // 3. The challenge must be the hash of the statement and the recomputed commitment.
  if (challenge(G, ctx, X, t) !== proof.c)
    return fail('PROOF_INVALID', 'the Schnorr proof of knowledge does not verify');
  return OK;
}

/** JSON form `{"c": <scalar>, "f": <scalar>}`. */
export function schnorrProofToJson<E>(G: Group<E>, p: SchnorrProof): JsonObject {
  return { c: G.scalarToJson(p.c), f: G.scalarToJson(p.f) };
}

/** Strict inverse of {@link schnorrProofToJson}. */
export function schnorrProofFromJson<E>(G: Group<E>, v: unknown): Result<SchnorrProof> {
  const o = exactKeys(v, ['c', 'f'], 'Schnorr proof');
  if (!o.ok) return o;
  const c = scalarField(G, o.value, 'c', 'Schnorr proof');
  if (!c.ok) return c;
  const f = scalarField(G, o.value, 'f', 'Schnorr proof');
  if (!f.ok) return f;
  return ok({ c: c.value, f: f.value });
}
