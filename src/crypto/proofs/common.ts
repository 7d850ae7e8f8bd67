/** Small helpers shared by the sigma-protocol proofs. */
import type { Group } from '../group/group.js';
import { type Check, fail, OK } from '../result.js';

/** −c mod q, for exponents of inverted bases (x^(−c) = x^(q−c)). */
export function negScalar<E>(G: Group<E>, c: bigint): bigint {
  return c === 0n ? 0n : G.q - c;
}

/** (x + y) mod q for scalars in [0, q). */
export function addScalars<E>(G: Group<E>, x: bigint, y: bigint): bigint {
  const s = x + y;
  return s >= G.q ? s - G.q : s;
}

/** (x − y) mod q for scalars in [0, q). */
export function subScalars<E>(G: Group<E>, x: bigint, y: bigint): bigint {
  const s = x - y;
  return s < 0n ? s + G.q : s;
}

/** The response w + c·x mod q. */
export function response<E>(G: Group<E>, w: bigint, c: bigint, x: bigint): bigint {
  return (w + c * x) % G.q;
}

/**
 * g^f · Π bases[i]^exps[i] for public exponents, as one `multiExp` with g as its first base (backends
 * use their fixed-base tables for that term; measured equal or faster than `expG` plus a separate
 * `multiExp` on every backend). This is the only place proofs recompute commitments, so a backend's
 * best split is tuned here.
 */
export function expGTimes<E>(G: Group<E>, f: bigint, bases: readonly E[], exps: readonly bigint[]): E {
  return G.multiExp([G.g, ...bases], [f, ...exps]);
}

/** Checks that every value is a scalar in [0, q); `what` names the proof for the message. */
export function checkScalars<E>(G: Group<E>, what: string, scalars: readonly bigint[]): Check {
  for (const s of scalars) {
    if (typeof s !== 'bigint' || s < 0n || s >= G.q)
      return fail('SCALAR_INVALID', `${what}: a challenge or response is not a scalar in [0, q)`);
  }
  return OK;
}
