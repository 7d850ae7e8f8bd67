/**
 * Safe-prime test for the group a runner genesis proposes (p = 2q + 1 with p and q prime).
 * Miller–Rabin with bases derived from SHA-256(p ‖ i), so a proposer cannot pick p for known bases.
 * Variable time (p is public).
 */
import { bitLength, bytesToBigBE, modPowBig } from '../../crypto/bytes.js';
import { sha256 } from '../../crypto/encoding/hash.js';

const SMALL_PRIMES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n];

/** Miller–Rabin probable-prime test with `rounds` derived bases (error below 4^-rounds). */
export function isProbablePrime(n: bigint, rounds = 32): boolean {
  if (n < 2n) return false;
  for (const s of SMALL_PRIMES) {
    if (n === s) return true;
    if (n % s === 0n) return false;
  }
  let d = n - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  const bytes = Math.ceil(bitLength(n) / 8) + 8;
  for (let i = 0; i < rounds; i++) {
    // Base a in [2, n − 2], derived from n and the round.
    let seed = new Uint8Array(0);
    const parts: Uint8Array[] = [];
    for (let k = 0; seed.length + parts.length * 32 < bytes; k++)
      parts.push(sha256(`pnyx/mr/${n}/${i}/${k}`));
    seed = Uint8Array.from(parts.flatMap((p) => [...p]));
    const a = 2n + (bytesToBigBE(seed) % (n - 3n));
    let x = modPowBig(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let witness = true;
    for (let j = 1; j < r; j++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        witness = false;
        break;
      }
    }
    if (witness) return false;
  }
  return true;
}

/** True when p and (p − 1)/2 are both (probable) primes. */
export function isSafePrime(p: bigint): boolean {
  if (p < 7n || p % 2n === 0n) return false;
  const q = (p - 1n) / 2n;
  return isProbablePrime(q) && isProbablePrime(p);
}
