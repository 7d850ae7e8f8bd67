/**
 * RFC 9474 RSA blind signatures: the client-side math (prepare, EMSA-PSS encoding, blinding) in pure
 * BigInt with SHA-384, so that every random choice comes from an injected {@link Rng}.
 *
 * Notation (RFC 9474 §4): n, e public key; kLen = ⌈bits(n)/8⌉; emBits = bits(n) − 1;
 * prepared = prefix ‖ msg (prefix: 32 random bytes in the Randomized variants, empty otherwise);
 * m = EMSA-PSS-ENCODE(prepared, emBits) with MGF1-SHA-384 and a random salt of sLen bytes;
 * r uniform in [1, n); blinded = m·r^e mod n; inv = r⁻¹ mod n.
 * The signer returns z = blinded^d mod n; the client unblinds s = z·inv mod n = m^d mod n.
 */
import { sha384 } from '@noble/hashes/sha2.js';
import { bigToBytesBE, bitLength, bytesToBigBE, concatBytes, modInv, modPowBig } from '../bytes.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';

/** Output length of SHA-384 in bytes (hLen). */
export const H_LEN = 48;

/** Length of the random message prefix of the Randomized variants. */
export const PREFIX_LEN = 32;

/** An RFC 9474 variant: PSS salt length and whether the message gets a random prefix. */
export interface BlindVariant {
  /** RFC 9474 name of the variant. */
  readonly name: string;
  /** EMSA-PSS salt length in bytes (48 for PSS, 0 for PSSZERO). */
  readonly saltLength: number;
  /** True for PrepareRandomize (32-byte random prefix), false for PrepareIdentity. */
  readonly randomized: boolean;
}

/** RSABSSA-SHA384-PSS-Randomized: the variant pnyx uses (48-byte salt, 32-byte random prefix). */
export const PSS_RANDOMIZED: BlindVariant = Object.freeze({
  name: 'RSABSSA-SHA384-PSS-Randomized',
  saltLength: 48,
  randomized: true,
});

/** RSABSSA-SHA384-PSSZERO-Deterministic (for the RFC test vectors only). */
export const PSSZERO_DETERMINISTIC: BlindVariant = Object.freeze({
  name: 'RSABSSA-SHA384-PSSZERO-Deterministic',
  saltLength: 0,
  randomized: false,
});

/** RSABSSA-SHA384-PSS-Deterministic (for the RFC test vectors only). */
export const PSS_DETERMINISTIC: BlindVariant = Object.freeze({
  name: 'RSABSSA-SHA384-PSS-Deterministic',
  saltLength: 48,
  randomized: false,
});

/** MGF1 with SHA-384 (RFC 8017 §B.2.1): the first `len` bytes of H(seed ‖ 0) ‖ H(seed ‖ 1) ‖ … */
export function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(len / H_LEN) * H_LEN);
  const counter = new Uint8Array(4);
  for (let i = 0, o = 0; o < len; i++, o += H_LEN) {
    new DataView(counter.buffer).setUint32(0, i);
    out.set(sha384(concatBytes(seed, counter)), o);
  }
  return out.subarray(0, len);
}

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384 and MGF1-SHA-384:
 * M' = 0x00×8 ‖ H(msg) ‖ salt; H = H(M'); DB = 0x00…00 ‖ 0x01 ‖ salt; EM = (DB ⊕ MGF1(H)) ‖ H ‖ 0xbc,
 * with the top 8·emLen − emBits bits of EM cleared. Throws if emLen < hLen + sLen + 2.
 */
export function emsaPssEncode(msg: Uint8Array, emBits: number, salt: Uint8Array): Uint8Array {
  const emLen = Math.ceil(emBits / 8);
  if (emLen < H_LEN + salt.length + 2) throw new CryptoUsageError('RSA modulus too small for EMSA-PSS');
  const mHash = sha384(msg);
  const h = sha384(concatBytes(new Uint8Array(8), mHash, salt));
  const db = new Uint8Array(emLen - H_LEN - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  return concatBytes(db, h, Uint8Array.of(0xbc));
}

/** Prepare (RFC 9474 §4.1): prefix ‖ msg with a fresh 32-byte prefix for Randomized variants. */
export function prepare(variant: BlindVariant, msg: Uint8Array, rng: Rng): Uint8Array {
  return variant.randomized ? concatBytes(rng(PREFIX_LEN), msg) : Uint8Array.from(msg);
}

/** Uniform integer in [1, n) by rejection sampling on ⌈bits(n)/8⌉ random bytes masked to bits(n). */
export function randomBelow(n: bigint, rng: Rng): bigint {
  const bits = bitLength(n);
  const len = Math.ceil(bits / 8);
  for (let i = 0; i < 1024; i++) {
    const b = rng(len);
    b[0] = b[0]! & (0xff >> (8 * len - bits));
    const r = bytesToBigBE(b);
    if (r > 0n && r < n) return r;
  }
  throw new CryptoUsageError('random generator keeps returning out-of-range values');
}

/** Greatest common divisor. */
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Result of blinding: what the client sends (`blindedMsg`) and keeps (`inv`, `preparedMsg`). */
export interface BlindOutput {
  /** m·r^e mod n, kLen bytes: sent to the signer. */
  readonly blindedMsg: Uint8Array;
  /** r⁻¹ mod n, kLen bytes: kept secret by the client until finalization. */
  readonly inv: Uint8Array;
  /** prefix ‖ message: the message the final signature is on. */
  readonly preparedMsg: Uint8Array;
}

/**
 * Blind (RFC 9474 §4.2) for public key (n, e): prepare, encode with a fresh salt, check gcd(m, n) = 1,
 * draw r, output m·r^e mod n and r⁻¹ mod n. Random bytes are drawn in this order: prefix, salt, r.
 */
export function blindWith(
  variant: BlindVariant,
  n: bigint,
  e: bigint,
  msg: Uint8Array,
  rng: Rng,
): BlindOutput {
  const kLen = Math.ceil(bitLength(n) / 8);
  // 1. prepared = prefix ‖ msg.
  const preparedMsg = prepare(variant, msg, rng);
  // 2. m = EMSA-PSS-ENCODE(prepared, bits(n) − 1) as an integer.
  const salt = variant.saltLength > 0 ? rng(variant.saltLength) : new Uint8Array(0);
  const m = bytesToBigBE(emsaPssEncode(preparedMsg, bitLength(n) - 1, salt));
  // 3. m must be invertible mod n (fails only if m reveals a factor of n).
  if (gcd(m, n) !== 1n) throw new CryptoUsageError('encoded message is not coprime to n');
  // 4. r uniform in [1, n), invertible; x = r^e mod n; z = m·x mod n.
  let r = randomBelow(n, rng);
  while (gcd(r, n) !== 1n) r = randomBelow(n, rng);
  const z = (m * modPowBig(r, e, n)) % n;
  return { blindedMsg: bigToBytesBE(z, kLen), inv: bigToBytesBE(modInv(r, n), kLen), preparedMsg };
}
