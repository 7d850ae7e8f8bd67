/**
 * The Paillier cryptosystem with g = n + 1, on an injected {@link ModPowEngine}.
 *
 * - Enc(m; r) = g^m · r^n mod n² = (1 + m·n) · r^n mod n², for m ∈ [0, n) and r ∈ Z_n^* (g^m = 1 + m·n
 *   mod n² by the binomial theorem, so no exponentiation is spent on it).
 * - Dec(c) = L(c^λ mod n²) · μ mod n with L(x) = (x − 1)/n, computed by CRT modulo p² and q².
 * - Enc(a)·Enc(b) mod n² = Enc(a + b mod n).
 * - Ciphertexts are integers c with 1 ≤ c < n² and gcd(c, n) = 1 (units mod n²); JSON: a JSON integer.
 *
 * Exponentiations with secret exponents (λ-sized in decryption, the randomness of encryption) are
 * constant-time only on the OpenSSL engine.
 */
import { bytesToBigBE } from '../bytes.js';
import { asBigInt, type JsonValue } from '../encoding/canonical-json.js';
import { gcd, type ModPowEngine } from '../modarith.js';
import { CryptoUsageError, fail, ok, type Result } from '../result.js';
import type { Rng } from '../rng.js';
import { intJson } from './json.js';
import type { PaillierPublicKey, PaillierSecretKey } from './keys.js';

/** A Paillier ciphertext: a unit mod n². */
export type PaillierCiphertext = bigint;

/** A ciphertext and the randomness that made it (the encryptor keeps r to prove things about c). */
export interface PaillierEncryption {
  readonly c: PaillierCiphertext;
  readonly r: bigint;
}

/** Paillier operations bound to an exponentiation engine. */
export interface Paillier {
  readonly engine: ModPowEngine;
  /** Uniform r ∈ Z_n^* from `rng`. */
  randomUnit(pk: PaillierPublicKey, rng: Rng): bigint;
  /** Enc(m; r) for m ∈ [0, n), r ∈ Z_n^*. */
  encryptWith(pk: PaillierPublicKey, m: bigint, r: bigint): PaillierCiphertext;
  /** Enc(m; r) with fresh r; returns both. */
  encrypt(pk: PaillierPublicKey, m: bigint, rng: Rng): PaillierEncryption;
  /** Homomorphic addition: a·b mod n². */
  add(pk: PaillierPublicKey, a: PaillierCiphertext, b: PaillierCiphertext): PaillierCiphertext;
  /** Homomorphic sum of many ciphertexts (Enc(0; 1) = 1 for none). */
  sum(pk: PaillierPublicKey, cs: readonly PaillierCiphertext[]): PaillierCiphertext;
  /** The plaintext of c ∈ Z*_{n²}, in [0, n). */
  decrypt(sk: PaillierSecretKey, c: PaillierCiphertext): bigint;
  /** The r′ ∈ Z_n^* with c = g^m·r′^n mod n² for m = decrypt(c) (needs the secret key). */
  recoverRandomness(sk: PaillierSecretKey, c: PaillierCiphertext): bigint;
}

/** g^m mod n² = 1 + m·n mod n² (for any integer m). */
export function gPow(pk: PaillierPublicKey, m: bigint): bigint {
  const x = (1n + m * pk.n) % pk.n2;
  return x < 0n ? x + pk.n2 : x;
}

/** Creates the Paillier operations on `engine`. */
export function paillier(engine: ModPowEngine): Paillier {
  const encryptWith = (pk: PaillierPublicKey, m: bigint, r: bigint): bigint => {
    if (m < 0n || m >= pk.n) throw new CryptoUsageError('plaintext must be in [0, n)');
    if (r <= 0n || r >= pk.n) throw new CryptoUsageError('randomness must be in [1, n)');
    return (gPow(pk, m) * engine.pow(r, pk.n, pk.n2)) % pk.n2;
  };
  const randomUnit = (pk: PaillierPublicKey, rng: Rng): bigint => {
    // bits(n) + 128 random bits reduced mod n: statistically uniform; 0 and non-units are resampled.
    const len = Math.ceil((pk.bits + 128) / 8);
    for (;;) {
      const r = bytesToBigBE(rng(len)) % pk.n;
      if (r !== 0n && gcd(r, pk.n) === 1n) return r;
    }
  };
  /** m mod p (resp. q) from c by L_p(c^(p−1) mod p²)·h_p mod p. */
  const halfDecrypt = (c: bigint, prime: bigint, prime2: bigint, h: bigint): bigint =>
    (((engine.pow(c % prime2, prime - 1n, prime2) - 1n) / prime) * h) % prime;
  const decrypt = (sk: PaillierSecretKey, c: bigint): bigint => {
    const { p, q, crt } = sk;
    const mp = halfDecrypt(c, p, crt.p2, crt.hp);
    const mq = halfDecrypt(c, q, crt.q2, crt.hq);
    // CRT: m = m_q + q·((m_p − m_q)·q⁻¹ mod p).
    let t = ((mp - mq) * crt.qInvP) % p;
    if (t < 0n) t += p;
    return mq + q * t;
  };
  const P: Paillier = {
    engine,
    randomUnit,
    encryptWith,
    encrypt: (pk, m, rng) => {
      const r = randomUnit(pk, rng);
      return { c: encryptWith(pk, m, r), r };
    },
    add: (pk, a, b) => (a * b) % pk.n2,
    sum: (pk, cs) => cs.reduce((acc, c) => (acc * c) % pk.n2, 1n),
    decrypt,
    recoverRandomness: (sk, c) => {
      const { p, q, crt } = sk;
      const pk = sk.publicKey;
      // c·g^(−m) = r^n mod n², so u = c·g^(−m) mod n is r^n mod n, and r = u^(n⁻¹ mod φ) by CRT.
      const u = ((c % pk.n2) * gPow(pk, -decrypt(sk, c))) % pk.n;
      const rp = engine.pow(u % p, crt.nInvP1, p);
      const rq = engine.pow(u % q, crt.nInvQ1, q);
      let t = ((rp - rq) * crt.qInvP) % p;
      if (t < 0n) t += p;
      return rq + q * t;
    },
  };
  return Object.freeze(P);
}

/** A ciphertext as a JSON integer. */
export function ciphertextToJson(c: PaillierCiphertext): JsonValue {
  return intJson(c);
}

/** Membership in Z*_{n²}: 1 ≤ x < n² and gcd(x, n) = 1. */
export function isUnitModN2(pk: PaillierPublicKey, x: bigint): boolean {
  return x >= 1n && x < pk.n2 && gcd(x, pk.n) === 1n;
}

/** Strict decoding of a ciphertext under `pk`: a JSON integer in [1, n²) coprime to n. */
export function ciphertextFromJson(pk: PaillierPublicKey, v: unknown): Result<PaillierCiphertext> {
  const c = asBigInt(v);
  if (c === undefined) return fail('CIPHERTEXT_INVALID', 'Paillier ciphertext must be a JSON integer');
  if (c < 1n || c >= pk.n2) return fail('CIPHERTEXT_INVALID', 'Paillier ciphertext is not in [1, n²)');
  if (gcd(c, pk.n) !== 1n) return fail('CIPHERTEXT_INVALID', 'Paillier ciphertext is not coprime to n');
  return ok(c);
}
