/**
 * Pure prime generation for Paillier keys in tests and browsers: random odd candidates with the top two
 * bits set (so a product of two such primes has exactly twice their size), trial division by small primes,
 * then Miller–Rabin with random bases. Variable time; Node callers inject OpenSSL's generator instead
 * (src/crypto/node/openssl-primes.ts).
 */
import { bytesToBigBE } from '../bytes.js';
import { slidingWindowPow } from '../modarith.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';

/** Returns a random prime of exactly `bits` bits. */
export type PrimeGenerator = (bits: number) => bigint;

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
function uniform(lo: bigint, hi: bigint, rng: Rng): bigint {
  const span = hi - lo + 1n;
  const bits = span.toString(2).length;
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    const x = bytesToBigBE(rng(bytes)) >> excess;
    if (x < span) return lo + x;
  }
}

/** Miller–Rabin with `rounds` random bases after trial division: false for composites w.p. ≥ 1 − 4^−rounds. */
export function isProbablePrime(n: bigint, rng: Rng, rounds = 40): boolean {
  if (n < 2n) return false;
  for (const s of [2n, ...SMALL_PRIMES]) {
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
    const a = uniform(2n, n - 2n, rng);
    let x = slidingWindowPow(a, d, n);
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

/** A random prime of exactly `bits` bits (≥ 16) with its top two bits set. */
export function randomPrime(bits: number, rng: Rng): bigint {
  if (!Number.isInteger(bits) || bits < 16) throw new CryptoUsageError('prime size must be at least 16 bits');
  const bytes = Math.ceil(bits / 8);
  const excess = BigInt(bytes * 8 - bits);
  const top = 3n << BigInt(bits - 2);
  for (;;) {
    const candidate = (bytesToBigBE(rng(bytes)) >> excess) | top | 1n;
    if (isProbablePrime(candidate, rng)) return candidate;
  }
}

/** A {@link PrimeGenerator} on the pure Miller–Rabin search. */
export function purePrimeGenerator(rng: Rng): PrimeGenerator {
  return (bits) => randomPrime(bits, rng);
}
