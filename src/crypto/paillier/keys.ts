/**
 * Paillier keys. n = p·q for distinct primes p, q of bits/2 bits each (n has exactly `bits` bits),
 * g = n + 1, λ = lcm(p − 1, q − 1), μ = λ⁻¹ mod n. The secret key also keeps the CRT constants used to
 * decrypt modulo p² and q² separately and to recover encryption randomness.
 *
 * JSON: public key `{"n": <integer>}`; secret key `{"p": <integer>, "q": <integer>}` (everything else is
 * derived). Decoders are strict: exactly these keys, JSON integers, and the checks listed on each.
 */
import { bitLength, modInv } from '../bytes.js';
import { asBigInt, isJsonObject, type JsonObject } from '../encoding/canonical-json.js';
import { gcd } from '../modarith.js';
import { CryptoUsageError, fail, ok, type Result } from '../result.js';
import { intJson } from './json.js';
import type { PrimeGenerator } from './primes.js';

/** Default modulus size in bits. */
export const PAILLIER_DEFAULT_BITS = 3072;
/** Smallest modulus {@link publicKeyFromJson} accepts unless told otherwise. */
export const PAILLIER_MIN_BITS = 2048;

/** A Paillier public key. */
export interface PaillierPublicKey {
  /** The modulus n = p·q. */
  readonly n: bigint;
  /** n², the ciphertext modulus. */
  readonly n2: bigint;
  /** Bit length of n. */
  readonly bits: number;
}

/** A Paillier secret key with its public key and precomputed constants. */
export interface PaillierSecretKey {
  readonly publicKey: PaillierPublicKey;
  /** The prime factors of n. */
  readonly p: bigint;
  readonly q: bigint;
  /** λ = lcm(p − 1, q − 1). */
  readonly lambda: bigint;
  /** μ = λ⁻¹ mod n (with g = n + 1, L(g^λ mod n²) = λ mod n). */
  readonly mu: bigint;
  /** CRT constants: p², q², h_p = L_p(g^(p−1) mod p²)⁻¹ mod p, h_q likewise, q⁻¹ mod p, n⁻¹ mod (p−1), n⁻¹ mod (q−1). */
  readonly crt: {
    readonly p2: bigint;
    readonly q2: bigint;
    readonly hp: bigint;
    readonly hq: bigint;
    readonly qInvP: bigint;
    readonly nInvP1: bigint;
    readonly nInvQ1: bigint;
  };
}

/** Odd primes below 1000 a public modulus must not be divisible by (a cheap sanity check, not a proof). */
const SMALL_ODD_PRIMES: readonly bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 3; n < 1000; n += 2) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) if (n % d === 0) prime = false;
    if (prime) out.push(BigInt(n));
  }
  return out;
})();

/**
 * Validates a modulus and builds the public key: n must be odd, have at least `minBits` bits and no
 * prime factor below 1000. (Nobody but the key holder can check that n is a product of two large primes.)
 */
export function paillierPublicKey(n: bigint, minBits = PAILLIER_MIN_BITS): Result<PaillierPublicKey> {
  if (n <= 1n || (n & 1n) === 0n)
    return fail('KEY_INVALID', 'Paillier modulus must be odd and greater than 1');
  const bits = bitLength(n);
  if (bits < minBits) return fail('KEY_INVALID', `Paillier modulus has ${bits} bits, fewer than ${minBits}`);
  for (const s of SMALL_ODD_PRIMES) {
    if (n % s === 0n) return fail('KEY_INVALID', `Paillier modulus is divisible by ${s}`);
  }
  return ok(Object.freeze({ n, n2: n * n, bits }));
}

/**
 * Builds the secret key from its primes. Checks p ≠ q, both odd primes' product of the right shape
 * (gcd(n, (p − 1)(q − 1)) = 1, which Paillier with g = n + 1 needs), and the public-key rules.
 * Primality itself is the caller's responsibility (keys come from a prime generator or the key holder's file).
 */
export function secretKeyFromPrimes(
  p: bigint,
  q: bigint,
  minBits = PAILLIER_MIN_BITS,
): Result<PaillierSecretKey> {
  if (p <= 2n || q <= 2n || p === q)
    return fail('KEY_INVALID', 'Paillier primes must be distinct odd primes');
  const pk = paillierPublicKey(p * q, minBits);
  if (!pk.ok) return pk;
  const { n } = pk.value;
  const phi = (p - 1n) * (q - 1n);
  if (gcd(n, phi) !== 1n) return fail('KEY_INVALID', 'gcd(n, (p − 1)(q − 1)) must be 1');
  const lambda = phi / gcd(p - 1n, q - 1n);
  const p2 = p * p;
  const q2 = q * q;
  // With g = n + 1: g^(p−1) mod p² = 1 + (p − 1)·n mod p², so L_p of it is ((p − 1)·n mod p²)/p … computed directly.
  const hp = modInv(((((p - 1n) * n) % p2) / p) % p, p);
  const hq = modInv(((((q - 1n) * n) % q2) / q) % q, q);
  return ok(
    Object.freeze({
      publicKey: pk.value,
      p,
      q,
      lambda,
      mu: modInv(lambda % n, n),
      crt: Object.freeze({
        p2,
        q2,
        hp,
        hq,
        qInvP: modInv(q, p),
        nInvP1: modInv(n % (p - 1n), p - 1n),
        nInvQ1: modInv(n % (q - 1n), q - 1n),
      }),
    }),
  );
}

/**
 * Generates a key pair: two primes of bits/2 bits from `generatePrime` (Node passes OpenSSL's generator,
 * tests the pure Miller–Rabin one), retried until n has exactly `bits` bits and the key checks pass.
 */
export function generatePaillierKey(
  generatePrime: PrimeGenerator,
  bits = PAILLIER_DEFAULT_BITS,
): PaillierSecretKey {
  if (!Number.isInteger(bits) || bits % 2 !== 0 || bits < 64)
    throw new CryptoUsageError('Paillier modulus size must be an even number of bits, at least 64');
  for (;;) {
    const p = generatePrime(bits / 2);
    const q = generatePrime(bits / 2);
    if (bitLength(p * q) !== bits) continue;
    const sk = secretKeyFromPrimes(p, q, bits);
    if (sk.ok) return sk.value;
  }
}

/** Checks an object has exactly the given keys. */
function exactKeys(v: unknown, keys: readonly string[], what: string): Result<JsonObject> {
  if (!isJsonObject(v)) return fail('KEY_INVALID', `${what} must be a JSON object`);
  const have = Object.keys(v).sort();
  if (have.length !== keys.length || have.some((k, i) => k !== keys[i]))
    return fail('KEY_INVALID', `${what} must have exactly the keys ${keys.join(', ')}`);
  return ok(v);
}

/** Public key → `{"n": n}`. */
export function publicKeyToJson(pk: PaillierPublicKey): JsonObject {
  return { n: intJson(pk.n) };
}

/** Strict inverse of {@link publicKeyToJson}; see {@link paillierPublicKey} for the checks. */
export function publicKeyFromJson(v: unknown, minBits = PAILLIER_MIN_BITS): Result<PaillierPublicKey> {
  const o = exactKeys(v, ['n'], 'Paillier public key');
  if (!o.ok) return o;
  const n = asBigInt(o.value.n);
  if (n === undefined) return fail('KEY_INVALID', 'Paillier modulus must be a JSON integer');
  return paillierPublicKey(n, minBits);
}

/** Secret key → `{"p": p, "q": q}` (p < q). Secret: store it encrypted. */
export function secretKeyToJson(sk: PaillierSecretKey): JsonObject {
  const [a, b] = sk.p < sk.q ? [sk.p, sk.q] : [sk.q, sk.p];
  return { p: intJson(a), q: intJson(b) };
}

/** Strict inverse of {@link secretKeyToJson}: requires p < q, then {@link secretKeyFromPrimes}. */
export function secretKeyFromJson(v: unknown, minBits = PAILLIER_MIN_BITS): Result<PaillierSecretKey> {
  const o = exactKeys(v, ['p', 'q'], 'Paillier secret key');
  if (!o.ok) return o;
  const p = asBigInt(o.value.p);
  const q = asBigInt(o.value.q);
  if (p === undefined || q === undefined) return fail('KEY_INVALID', 'Paillier primes must be JSON integers');
  if (p >= q) return fail('KEY_INVALID', 'Paillier secret key must list p < q');
  return secretKeyFromPrimes(p, q, minBits);
}
