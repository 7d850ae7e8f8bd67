/**
 * Modular exponentiation behind one small interface, so that pure code (modp groups, Paillier) can run on
 * plain BigInt in browsers and on OpenSSL's native Montgomery code in Node (see src/crypto/node/openssl-modpow.ts).
 *
 * The BigInt engine here is variable-time: its running time depends on the exponent's bits. It is the
 * reference and the browser path; servers that exponentiate secrets inject the OpenSSL engine.
 */
import { CryptoUsageError } from './result.js';

/** Computes base^exp mod modulus. */
export interface ModPowEngine {
  /** Which implementation this is, e.g. `bigint` or `openssl`. */
  readonly name: string;
  /**
   * base^exp mod modulus for any integer base, exp ≥ 0 and modulus ≥ 1; the result is in [0, modulus).
   * Throws {@link CryptoUsageError} on a negative exponent or a modulus below 1 (programming errors).
   */
  pow(base: bigint, exp: bigint, modulus: bigint): bigint;
  /** Π bases[i]^exps[i] mod modulus (same argument rules as {@link ModPowEngine.pow}). */
  multiPow(bases: readonly bigint[], exps: readonly bigint[], modulus: bigint): bigint;
}

/** Non-negative remainder of a modulo m. */
function reduce(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** Rejects arguments that no engine accepts. */
export function checkPowArgs(exp: bigint, modulus: bigint): void {
  if (modulus < 1n) throw new CryptoUsageError('modulus must be at least 1');
  if (exp < 0n) throw new CryptoUsageError('exponent must be non-negative');
}

/** Window width for a sliding-window exponentiation of an exponent of `bits` bits. */
function windowBits(bits: number): number {
  if (bits <= 24) return 1;
  if (bits <= 80) return 3;
  if (bits <= 240) return 4;
  if (bits <= 672) return 5;
  return 6;
}

/**
 * Left-to-right sliding-window exponentiation in BigInt (variable time).
 * Precomputes the odd powers b, b^3, …, b^(2^w − 1), then scans the exponent's bits from the top,
 * squaring once per bit and multiplying once per window whose lowest bit is 1.
 */
export function slidingWindowPow(base: bigint, exp: bigint, m: bigint): bigint {
  checkPowArgs(exp, m);
  if (m === 1n) return 0n;
  const b = reduce(base, m);
  if (exp === 0n) return 1n;
  const bits = exp.toString(2);
  const w = windowBits(bits.length);
  // odd[i] = b^(2i+1)
  const odd: bigint[] = [b];
  if (w > 1) {
    const b2 = (b * b) % m;
    for (let i = 1; i < 1 << (w - 1); i++) odd.push((odd[i - 1]! * b2) % m);
  }
  let r = 1n;
  let i = 0;
  const n = bits.length;
  while (i < n) {
    if (bits[i] === '0') {
      r = (r * r) % m;
      i++;
      continue;
    }
    // Longest window bits[i..j] of at most w bits ending in a 1.
    let j = Math.min(i + w, n) - 1;
    while (bits[j] === '0') j--;
    let v = 0;
    for (let k = i; k <= j; k++) {
      r = (r * r) % m;
      v = (v << 1) | (bits[k] === '1' ? 1 : 0);
    }
    r = (r * odd[v >> 1]!) % m;
    i = j + 1;
  }
  return r;
}

/** The pure BigInt engine (sliding window, variable time; runs everywhere). */
export const bigintEngine: ModPowEngine = Object.freeze({
  name: 'bigint',
  pow: slidingWindowPow,
  multiPow: (bases: readonly bigint[], exps: readonly bigint[], m: bigint) => multiPowBig(bases, exps, m),
});

/**
 * Splits an exponent into sliding windows: a list of (position, odd digit) with e = Σ digit·2^position,
 * every digit odd and below 2^w. Scans from the top bit, as {@link slidingWindowPow} does.
 */
function slidingDigits(exp: bigint, w: number): { pos: number; digit: number }[] {
  const bits = exp.toString(2);
  const n = bits.length;
  const out: { pos: number; digit: number }[] = [];
  let i = 0;
  while (i < n) {
    if (bits[i] === '0') {
      i++;
      continue;
    }
    let j = Math.min(i + w, n) - 1;
    while (bits[j] === '0') j--;
    let v = 0;
    for (let k = i; k <= j; k++) v = (v << 1) | (bits[k] === '1' ? 1 : 0);
    out.push({ pos: n - 1 - j, digit: v });
    i = j + 1;
  }
  return out;
}

/**
 * Π bases[i]^exps[i] mod m by interleaved sliding windows (Straus): one shared chain of squarings, one
 * multiplication per window of each exponent. Variable time. Exponents must be non-negative.
 */
export function multiPowBig(bases: readonly bigint[], exps: readonly bigint[], m: bigint): bigint {
  if (bases.length !== exps.length) throw new CryptoUsageError('bases and exponents differ in length');
  for (const e of exps) checkPowArgs(e, m);
  if (m === 1n) return 0n;
  let top = 0;
  // at[pos] lists the multiplications to do after squaring at that bit position.
  const at = new Map<number, bigint[]>();
  for (let i = 0; i < bases.length; i++) {
    const e = exps[i]!;
    if (e === 0n) continue;
    const bitsLen = e.toString(2).length;
    const w = windowBits(bitsLen);
    const b = reduce(bases[i]!, m);
    const odd: bigint[] = [b];
    if (w > 1) {
      const b2 = (b * b) % m;
      for (let k = 1; k < 1 << (w - 1); k++) odd.push((odd[k - 1]! * b2) % m);
    }
    for (const { pos, digit } of slidingDigits(e, w)) {
      const list = at.get(pos);
      if (list) list.push(odd[digit >> 1]!);
      else at.set(pos, [odd[digit >> 1]!]);
    }
    top = Math.max(top, bitsLen);
  }
  let r = 1n;
  for (let pos = top - 1; pos >= 0; pos--) {
    if (r !== 1n) r = (r * r) % m;
    const list = at.get(pos);
    if (list) for (const x of list) r = (r * x) % m;
  }
  return r % m;
}

/**
 * Jacobi symbol (a/n) for odd n > 0, in {−1, 0, 1}. For a prime n it is the Legendre symbol, so
 * (a/p) = 1 exactly when a is a non-zero quadratic residue mod p. Binary algorithm (variable time).
 */
export function jacobi(a: bigint, n: bigint): -1 | 0 | 1 {
  if (n <= 0n || (n & 1n) === 0n) throw new CryptoUsageError('Jacobi symbol needs an odd positive n');
  let x = reduce(a, n);
  let y = n;
  let s: -1 | 1 = 1;
  while (x !== 0n) {
    // Remove factors of 2: (2/y) = −1 exactly when y ≡ 3, 5 (mod 8).
    while ((x & 1n) === 0n) {
      x >>= 1n;
      const r = y & 7n;
      if (r === 3n || r === 5n) s = s === 1 ? -1 : 1;
    }
    // Quadratic reciprocity: swap, with a sign change when both are ≡ 3 (mod 4).
    [x, y] = [y, x];
    if ((x & 3n) === 3n && (y & 3n) === 3n) s = s === 1 ? -1 : 1;
    x %= y;
  }
  return y === 1n ? s : 0;
}

/** Greatest common divisor of |a| and |b| (Euclid; variable time). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
