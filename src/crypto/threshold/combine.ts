/**
 * Combining checked partial decryptions.
 * Threshold: for any set S of at least k distinct trustees, a^x = Π_{l∈S} D_l^(λ_l) with Lagrange
 * coefficients at 0 (x = Σ_{l∈S} λ_l x_l). n-of-n: a^x = Π_l D_l. Then g^m = b / a^x.
 */
import type { Ciphertext } from '../elgamal.js';
import type { Group } from '../group/group.js';
import { fail, ok, type Result } from '../result.js';
import { lagrangeAtZero } from './polynomial.js';

/** A trustee index with its decryption share D_l (proof already checked). */
export interface IndexedShare<E> {
  readonly trustee: number;
  readonly D: E;
}

function distinctIndices<E>(partials: readonly IndexedShare<E>[]): Result<number[]> {
  const idx = partials.map((p) => p.trustee);
  if (idx.some((i) => !Number.isSafeInteger(i) || i < 1))
    return fail('DECRYPTION_INVALID', 'trustee indices must be positive integers');
  if (new Set(idx).size !== idx.length) return fail('DECRYPTION_INVALID', 'a trustee appears twice');
  return ok(idx);
}

/**
 * Lagrange combination Π D_l^(λ_l) = a^x from the given partials, which must come from at least
 * `k` distinct trustees.
 */
export function combinePartials<E>(G: Group<E>, partials: readonly IndexedShare<E>[], k: number): Result<E> {
  const idx = distinctIndices(partials);
  if (!idx.ok) return idx;
  if (partials.length < k || partials.length === 0)
    return fail('DECRYPTION_INVALID', `need partial decryptions from ${k} trustees, got ${partials.length}`);
  const lambdas = idx.value.map((l) => lagrangeAtZero(G, idx.value, l));
  return ok(
    G.multiExp(
      partials.map((p) => p.D),
      lambdas,
    ),
  );
}

/** n-of-n combination Π D_l = a^x (every trustee must be present; the caller checks that). */
export function combineProduct<E>(G: Group<E>, partials: readonly IndexedShare<E>[]): Result<E> {
  const idx = distinctIndices(partials);
  if (!idx.ok) return idx;
  if (partials.length === 0) return fail('DECRYPTION_INVALID', 'no partial decryptions');
  return ok(partials.reduce((acc, p) => G.op(acc, p.D), G.identity));
}

/** g^m = b / a^x. */
export function decryptWithCombined<E>(G: Group<E>, ct: Ciphertext<E>, ax: E): E {
  return G.div(ct.b, ax);
}
