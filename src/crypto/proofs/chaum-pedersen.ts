/**
 * Chaum–Pedersen proof that log_g1(h1) = log_g2(h2), in compact form (c, f).
 *
 * Prover (knows x with h1 = g1^x, h2 = g2^x): w ← random, t1 = g1^w, t2 = g2^w,
 * c = H("chaum-pedersen", ctx, {g1,h1,g2,h2}, {t1,t2}), f = w + c·x mod q.
 * Verifier: t1' = g1^f · h1^(−c), t2' = g2^f · h2^(−c); accept iff H(…, {t1',t2'}) = c.
 */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { Group } from '../group/group.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { checkScalars, expGTimes, negScalar, response } from './common.js';
import { exactKeys, scalarField } from './decode.js';
import { groupChallenge, type ProofContext } from './fiat-shamir.js';

/** Domain tag of the Chaum–Pedersen proof (hashed as `pnyx/chaum-pedersen/v1`). */
export const CHAUM_PEDERSEN_TAG = 'chaum-pedersen';

/** The statement log_g1(h1) = log_g2(h2). */
export interface EqualLogsStatement<E> {
  readonly g1: E;
  readonly h1: E;
  readonly g2: E;
  readonly h2: E;
}

/** Compact Chaum–Pedersen proof: challenge c and response f. */
export interface ChaumPedersenProof {
  readonly c: bigint;
  readonly f: bigint;
}

function challenge<E>(G: Group<E>, ctx: ProofContext, st: EqualLogsStatement<E>, t1: E, t2: E): bigint {
  const statement = { g1: G.toJson(st.g1), g2: G.toJson(st.g2), h1: G.toJson(st.h1), h2: G.toJson(st.h2) };
  return groupChallenge(G, CHAUM_PEDERSEN_TAG, ctx, statement, { t1: G.toJson(t1), t2: G.toJson(t2) });
}

/** base^w, through the fixed-base table when base is the generator (secret w: `expG`/`exp` only). */
function secretExp<E>(G: Group<E>, base: E, w: bigint): E {
  return G.eq(base, G.g) ? G.expG(w) : G.exp(base, w);
}

/** base^f · h^(−c) for public f, c. */
function recompute<E>(G: Group<E>, base: E, h: E, f: bigint, minusC: bigint): E {
  return G.eq(base, G.g) ? expGTimes(G, f, [h], [minusC]) : G.multiExp([base, h], [f, minusC]);
}

/** Proves log_g1(h1) = log_g2(h2) = x. */
export function proveEqualLogs<E>(
  G: Group<E>,
  ctx: ProofContext,
  st: EqualLogsStatement<E>,
  x: bigint,
  rng: Rng,
): ChaumPedersenProof {
  const w = G.randomScalar(rng);
  const c = challenge(G, ctx, st, secretExp(G, st.g1, w), secretExp(G, st.g2, w));
  return { c, f: response(G, w, c, x) };
}

/** Verifies a Chaum–Pedersen proof; fails with `SCALAR_INVALID` or `PROOF_INVALID`. */
export function verifyEqualLogs<E>(
  G: Group<E>,
  ctx: ProofContext,
  st: EqualLogsStatement<E>,
  proof: ChaumPedersenProof,
): Check {
  // 1. Inputs: c and f are scalars in [0, q).
  const s = checkScalars(G, 'Chaum–Pedersen proof', [proof.c, proof.f]);
  if (!s.ok) return s;
  // 2. Recompute t1 = g1^f · h1^(−c) and t2 = g2^f · h2^(−c).
  const minusC = negScalar(G, proof.c);
  const t1 = recompute(G, st.g1, st.h1, proof.f, minusC);
  const t2 = recompute(G, st.g2, st.h2, proof.f, minusC);
  // 3. The challenge must be the hash of the statement and the recomputed commitments.
  if (challenge(G, ctx, st, t1, t2) !== proof.c)
    return fail('PROOF_INVALID', 'the Chaum–Pedersen proof of equal discrete logarithms does not verify');
  return OK;
}

/** JSON form `{"c": <scalar>, "f": <scalar>}`. */
export function chaumPedersenProofToJson<E>(G: Group<E>, p: ChaumPedersenProof): JsonObject {
  return { c: G.scalarToJson(p.c), f: G.scalarToJson(p.f) };
}

/** Strict inverse of {@link chaumPedersenProofToJson}. */
export function chaumPedersenProofFromJson<E>(G: Group<E>, v: unknown): Result<ChaumPedersenProof> {
  const o = exactKeys(v, ['c', 'f'], 'Chaum–Pedersen proof');
  if (!o.ok) return o;
  const c = scalarField(G, o.value, 'c', 'Chaum–Pedersen proof');
  if (!c.ok) return c;
  const f = scalarField(G, o.value, 'f', 'Chaum–Pedersen proof');
  if (!f.ok) return f;
  return ok({ c: c.value, f: f.value });
}
