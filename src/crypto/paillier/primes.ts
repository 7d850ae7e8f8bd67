/**
 * Pure prime generation for Paillier keys in tests and browsers: random odd candidates with the top two
 * bits set (so a product of two such primes has exactly twice their size), trial division by small primes,
 * then Miller–Rabin with random bases. Variable time; Node callers inject OpenSSL's generator instead
 * (src/crypto/node/openssl-primes.ts).
 */
import { bytesToBigBE } from '../bytes.js';
import { isProbablePrime } from '../primes.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';

export { isProbablePrime };

/** Returns a random prime of exactly `bits` bits. */
export type PrimeGenerator = (bits: number) => bigint;

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
