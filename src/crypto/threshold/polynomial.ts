/** Polynomials over Z_q and Lagrange interpolation at 0, for Shamir sharing. */
import { modInv } from '../bytes.js';
import type { Group } from '../group/group.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';

/** k uniformly random coefficients a_0 … a_(k−1) in [1, q) (degree k − 1). */
export function randomPolynomial<E>(G: Group<E>, k: number, rng: Rng): bigint[] {
  const out: bigint[] = [];
  for (let j = 0; j < k; j++) out.push(G.randomScalar(rng));
  return out;
}

/** P(x) = Σ a_j x^j mod q (Horner). */
export function evalPolynomial<E>(G: Group<E>, coefficients: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let j = coefficients.length - 1; j >= 0; j--) acc = (acc * x + coefficients[j]!) % G.q;
  return acc;
}

/**
 * Lagrange coefficient at 0 of index l in the set S: λ_l = Π_{m ∈ S, m ≠ l} m / (m − l) mod q.
 * S must hold distinct positive indices (smaller than q) and contain l.
 */
export function lagrangeAtZero<E>(G: Group<E>, indices: readonly number[], l: number): bigint {
  let num = 1n;
  let den = 1n;
  for (const m of indices) {
    if (m === l) continue;
    num = (num * BigInt(m)) % G.q;
    den = (den * (((BigInt(m) - BigInt(l)) % G.q) + G.q)) % G.q;
  }
  if (!indices.includes(l)) throw new CryptoUsageError('the index is not in the set');
  return (num * modInv(den, G.q)) % G.q;
}
