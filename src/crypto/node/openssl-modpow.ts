/**
 * Native modular exponentiation through node:crypto's finite-field Diffie–Hellman.
 *
 * A DH object over modulus m with private key x computes `computeSecret(y) = y^x mod m` with OpenSSL's
 * constant-time Montgomery exponentiation (BN_mod_exp_mont_consttime: the time depends on the number of
 * 64-bit words of the exponent and of m, not on their bits). Nothing in that path needs m to be prime,
 * so odd composite moduli such as a Paillier n² work too.
 *
 * OpenSSL refuses some inputs; this engine sends exactly those to BigInt:
 * - even moduli (Montgomery needs an odd modulus), moduli below 512 bits or above 10000 bits
 *   (DH_MIN_MODULUS_BITS, OPENSSL_DH_MAX_MODULUS_BITS);
 * - exponent 0 (an empty private key is rejected): the result is 1;
 * - base ≡ 0, 1 or m−1 (mod m) (DH public-key range check 2 ≤ y ≤ m−2): the result is 0, 1 or ±1,
 *   computed directly. The base is reduced mod m before the check;
 * - results 0, 1 or m−1 (DH shared-secret range check): OpenSSL throws; the result is then b^(exp−1)·b
 *   with b^(exp−1) computed natively (one more exponentiation), or, if that is refused too (the result
 *   is 0: b shares a factor with m), recomputed in BigInt. Results equal to 1 are common (a Paillier
 *   decryption of 0 computes c^(p−1) ≡ 1 mod p²); the extra exponentiation only reveals that the
 *   result was one of those three values.
 * The output is zero-padded by Node to m's byte length; it is read back as an integer, so padding
 * does not matter. DH objects are built once per modulus and cached (construction runs no primality
 * test; it costs well under a millisecond, but the cache also keeps the modulus buffer).
 */
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { checkPowArgs, type ModPowEngine, multiPowBig, slidingWindowPow } from '../modarith.js';
import { CryptoUsageError } from '../result.js';

/** Smallest and largest modulus sizes, in bits, that OpenSSL's DH accepts. */
const MIN_BITS = 512;
const MAX_BITS = 10000;
/** How many moduli the cache keeps before it is cleared (keys and groups in use are few). */
const CACHE_LIMIT = 64;

/** Big-endian bytes of a non-negative integer (minimal length, at least one byte). */
function toBuffer(x: bigint): Buffer {
  const hex = x.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

/** Non-negative remainder. */
function reduce(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** True if OpenSSL's DH accepts this modulus. */
export function opensslAcceptsModulus(m: bigint): boolean {
  if ((m & 1n) === 0n) return false;
  const bits = m.toString(2).length;
  return bits >= MIN_BITS && bits <= MAX_BITS;
}

/** Creates the OpenSSL-backed engine (each call has its own cache of DH objects). */
export function opensslEngine(): ModPowEngine {
  const cache = new Map<bigint, DiffieHellman>();
  const dhFor = (m: bigint): DiffieHellman => {
    let dh = cache.get(m);
    if (dh === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      dh = createDiffieHellman(toBuffer(m), 2);
      cache.set(m, dh);
    }
    return dh;
  };
  const pow = (base: bigint, exp: bigint, m: bigint): bigint => {
    checkPowArgs(exp, m);
    if (!opensslAcceptsModulus(m)) return slidingWindowPow(base, exp, m);
    const b = reduce(base, m);
    // The values OpenSSL refuses have closed forms.
    if (exp === 0n) return 1n;
    if (b === 0n || b === 1n) return b;
    if (b === m - 1n) return (exp & 1n) === 0n ? 1n : b;
    const dh = dhFor(m);
    const native = (e: bigint): bigint => {
      dh.setPrivateKey(toBuffer(e));
      return BigInt(`0x${dh.computeSecret(toBuffer(b)).toString('hex')}`);
    };
    try {
      return native(exp);
    } catch {
      // OpenSSL refuses a result z ≤ 1 or z ≥ m − 1 (SP 800-56A), so z ∈ {0, 1, m − 1}. Then
      // z = b^(exp−1)·b: if OpenSSL accepts b^(exp−1), that gives z (exp ≥ 2 here, since b^1 = b is never
      // refused). If it refuses that too, b^(exp−1) ∈ {0, 1, m − 1} makes z ∈ {0, b, m − b}, so z = 0;
      // that rare case (b shares a factor with m) is recomputed in BigInt rather than assumed.
      try {
        return (native(exp - 1n) * b) % m;
      } catch {
        return slidingWindowPow(b, exp, m);
      }
    }
  };
  // Separate native exponentiations beat an interleaved BigInt chain whenever OpenSSL takes the modulus.
  const multiPow = (bases: readonly bigint[], exps: readonly bigint[], m: bigint): bigint => {
    if (bases.length !== exps.length) throw new CryptoUsageError('bases and exponents differ in length');
    if (!opensslAcceptsModulus(m)) return multiPowBig(bases, exps, m);
    let r = 1n % m;
    for (let i = 0; i < bases.length; i++) r = (r * pow(bases[i]!, exps[i]!, m)) % m;
    return r;
  };
  return Object.freeze({ name: 'openssl', pow, multiPow });
}
