/**
 * Probabilistic primality: trial division by the odd primes below 2000, then Miller–Rabin. Two ways to
 * pick the bases: random ones from an {@link Rng} (prime generation), or bases derived by SHA-256 from the
 * candidate itself (checking public parameters someone else proposed, e.g. a runner genesis' safe prime,
 * reproducibly on every node). Variable time: only public numbers or fresh candidates are tested.
 */
import { bitLength, bytesToBigBE, concatBytes } from './bytes.js';
import { sha256 } from './encoding/hash.js';
import { slidingWindowPow } from './modarith.js';
import type { Rng } from './rng.js';

/** The odd primes below 2000, for trial division. */
const SMALL_PRIMES: readonly bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 3; n < 2000; n += 2) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) out.push(BigInt(n));
  }
  return out;
})();

/** Uniform integer in [lo, hi] from `rng` (rejection sampling on the bit length of hi − lo). */
export function uniformBetween(lo: bigint, hi: bigint, rng: Rng): bigint {
  const span = hi - lo + 1n;
  const bits = bitLength(span);
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    const x = bytesToBigBE(rng(bytes)) >> excess;
    if (x < span) return lo + x;
  }
}

/**
 * Miller–Rabin after trial division, with `rounds` bases in [2, n−2] given by `base(round)`: false for a
 * composite with probability ≥ 1 − 4^−rounds when the bases are unpredictable to whoever chose n.
 */
export function millerRabin(n: bigint, rounds: number, base: (round: number) => bigint): boolean {
  if (n < 2n) return false;
  if (n === 2n) return true;
  if (n % 2n === 0n) return false;
  for (const s of SMALL_PRIMES) {
    if (n === s) return true;
    if (n % s === 0n) return false;
  }
  // n − 1 = 2^s · d with d odd.
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (let i = 0; i < rounds; i++) {
    let x = slidingWindowPow(base(i), d, n);
    if (x === 1n || x === n - 1n) continue;
    let witness = true;
    for (let j = 1; j < s && witness; j++) {
      x = (x * x) % n;
      if (x === n - 1n) witness = false;
    }
    if (witness) return false;
  }
  return true;
}

/** Miller–Rabin with random bases from `rng`. */
export function isProbablePrime(n: bigint, rng: Rng, rounds = 40): boolean {
  return millerRabin(n, rounds, () => uniformBetween(2n, n - 2n, rng));
}

/** Miller–Rabin with bases derived from SHA-256(`pnyx/mr/v1` ‖ n ‖ round ‖ counter), reproducible everywhere. */
export function isProbablePrimeDerived(n: bigint, rounds = 32): boolean {
  const len = Math.ceil(bitLength(n) / 8) + 8;
  return millerRabin(n, rounds, (i) => {
    const blocks: Uint8Array[] = [];
    for (let k = 0; blocks.length * 32 < len; k++) blocks.push(sha256(`pnyx/mr/v1/${n}/${i}/${k}`));
    return 2n + (bytesToBigBE(concatBytes(...blocks).subarray(0, len)) % (n - 3n));
  });
}

/** True when p and (p − 1)/2 are both probable primes (derived bases). */
export function isSafePrime(p: bigint): boolean {
  if (p < 7n || p % 2n === 0n) return false;
  return isProbablePrimeDerived((p - 1n) / 2n) && isProbablePrimeDerived(p);
}
