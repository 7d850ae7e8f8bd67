/**
 * Blind-RSA keys: generation (Web Crypto, through @cloudflare/blindrsa-ts), the strict SPKI DER codec of
 * public keys, their hex JSON form, and PKCS#8 export/import of secret keys.
 *
 * Public key bytes: DER `SubjectPublicKeyInfo` with algorithm rsaEncryption (1.2.840.113549.1.1.1,
 * NULL parameters) and `RSAPublicKey ::= SEQUENCE { n INTEGER, e INTEGER }`, minimal DER only.
 * Accepted keys: bits(n) ∈ {2048, 3072, 4096}, n odd, e = 65537. JSON: lowercase hex of those bytes.
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { bigToBytesBE, bitLength, bytesEqual, bytesToBigBE, concatBytes, fromHex, toHex } from '../bytes.js';
import { fail, ok, type Result } from '../result.js';

/** Modulus sizes accepted for blind-token keys. */
export const BLIND_KEY_BITS = [2048, 3072, 4096] as const;

/** The only public exponent accepted. */
export const BLIND_KEY_E = 65537n;

/** A blind-token public key: modulus, exponent and its canonical SPKI DER bytes. */
export interface BlindPublicKey {
  readonly n: bigint;
  readonly e: bigint;
  /** bits(n). */
  readonly bits: number;
  /** Canonical SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
}

/** A blind-token signing key (kept by the registrar). */
export interface BlindSecretKey {
  readonly publicKey: BlindPublicKey;
  /** Extractable Web Crypto RSA-PSS/SHA-384 private key, as @cloudflare/blindrsa-ts requires. */
  readonly key: CryptoKey;
}

/** Web Crypto algorithm of blind-token keys. */
export const RSA_PSS_SHA384 = { name: 'RSA-PSS', hash: 'SHA-384' } as const;

const RSA_ALGORITHM_ID = Uint8Array.of(
  0x30,
  0x0d,
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
  0x05,
  0x00,
);

/** DER length octets (definite, minimal). */
function derLength(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const bytes: number[] = [];
  for (let l = len; l > 0; l >>= 8) bytes.unshift(l & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function tlv(tag: number, body: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(tag), derLength(body.length), body);
}

/** Minimal DER INTEGER of a positive bigint. */
function derInteger(x: bigint): Uint8Array {
  const len = Math.ceil(bitLength(x) / 8) || 1;
  let b = bigToBytesBE(x, len);
  if (b[0]! & 0x80) b = concatBytes(Uint8Array.of(0), b);
  return tlv(0x02, b);
}

/** Canonical SPKI DER of an RSA public key. */
export function encodeRsaSpki(n: bigint, e: bigint): Uint8Array {
  const rsaPublicKey = tlv(0x30, concatBytes(derInteger(n), derInteger(e)));
  return tlv(0x30, concatBytes(RSA_ALGORITHM_ID, tlv(0x03, concatBytes(Uint8Array.of(0), rsaPublicKey))));
}

/** Reads one TLV with the expected tag at `at`; returns body bounds or undefined. Never throws. */
function readTlv(b: Uint8Array, at: number, tag: number): { start: number; end: number } | undefined {
  if (at + 2 > b.length || b[at] !== tag) return undefined;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const k = len & 0x7f;
    if (k === 0 || k > 3 || start + k > b.length) return undefined;
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + b[start + i]!;
    start += k;
  }
  const end = start + len;
  return end <= b.length ? { start, end } : undefined;
}

/**
 * Strict decoder of blind-token public keys from SPKI DER bytes: the bytes must be exactly the canonical
 * encoding of an accepted key. Codes: `ENCODING_INVALID` (not an RSA SPKI), `ENCODING_NONCANONICAL`
 * (non-minimal DER), `KEY_INVALID` (size, parity or exponent not accepted).
 */
export function decodeBlindPublicKey(spki: unknown): Result<BlindPublicKey> {
  if (!(spki instanceof Uint8Array)) return fail('ENCODING_INVALID', 'public key must be bytes');
  // SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }.
  const outer = readTlv(spki, 0, 0x30);
  if (!outer || outer.end !== spki.length) return fail('ENCODING_INVALID', 'not a DER SEQUENCE');
  const algEnd = outer.start + RSA_ALGORITHM_ID.length;
  if (!bytesEqual(spki.subarray(outer.start, algEnd), RSA_ALGORITHM_ID))
    return fail('ENCODING_INVALID', 'algorithm is not rsaEncryption with NULL parameters');
  const bits = readTlv(spki, algEnd, 0x03);
  if (!bits || bits.end !== outer.end || spki[bits.start] !== 0)
    return fail('ENCODING_INVALID', 'bad subjectPublicKey BIT STRING');
  // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
  const seq = readTlv(spki, bits.start + 1, 0x30);
  if (!seq || seq.end !== bits.end) return fail('ENCODING_INVALID', 'bad RSAPublicKey SEQUENCE');
  const nT = readTlv(spki, seq.start, 0x02);
  const eT = nT && readTlv(spki, nT.end, 0x02);
  if (!nT || !eT || eT.end !== seq.end) return fail('ENCODING_INVALID', 'bad RSAPublicKey integers');
  if (nT.end === nT.start || eT.end === eT.start || spki[nT.start]! & 0x80 || spki[eT.start]! & 0x80)
    return fail('ENCODING_INVALID', 'RSA integers must be positive');
  const n = bytesToBigBE(spki.subarray(nT.start, nT.end));
  const e = bytesToBigBE(spki.subarray(eT.start, eT.end));
  // Only the one minimal encoding is accepted.
  if (!bytesEqual(encodeRsaSpki(n, e), spki))
    return fail('ENCODING_NONCANONICAL', 'public key DER is not minimal');
  return checkRsaParameters(n, e, spki);
}

function checkRsaParameters(n: bigint, e: bigint, spki: Uint8Array): Result<BlindPublicKey> {
  const bits = bitLength(n);
  if (!(BLIND_KEY_BITS as readonly number[]).includes(bits))
    return fail('KEY_INVALID', `RSA modulus must have ${BLIND_KEY_BITS.join(', ')} bits, got ${bits}`);
  if ((n & 1n) === 0n) return fail('KEY_INVALID', 'RSA modulus must be odd');
  if (e !== BLIND_KEY_E) return fail('KEY_INVALID', 'RSA public exponent must be 65537');
  return ok(Object.freeze({ n, e, bits, spki: Uint8Array.from(spki) }));
}

/** A public key from its modulus and exponent (checked like {@link decodeBlindPublicKey}). */
export function blindPublicKeyFromComponents(n: bigint, e: bigint): Result<BlindPublicKey> {
  if (n <= 0n || e <= 0n) return fail('KEY_INVALID', 'RSA integers must be positive');
  return checkRsaParameters(n, e, encodeRsaSpki(n, e));
}

/** JSON form of a public key: lowercase hex of its SPKI DER. */
export function blindPublicKeyToJson(pk: BlindPublicKey): string {
  return toHex(pk.spki);
}

/** Strict decoder of the JSON form; `ENCODING_INVALID` for anything but lowercase even-length hex. */
export function blindPublicKeyFromJson(v: unknown): Result<BlindPublicKey> {
  const b = fromHex(v);
  return b.ok ? decodeBlindPublicKey(b.value) : b;
}

const cryptoKeys = new WeakMap<BlindPublicKey, Promise<CryptoKey>>();

/** The Web Crypto RSA-PSS/SHA-384 verification key of a public key (memoized). */
export function publicCryptoKey(pk: BlindPublicKey): Promise<CryptoKey> {
  let k = cryptoKeys.get(pk);
  if (k === undefined) {
    k = globalThis.crypto.subtle.importKey('spki', Uint8Array.from(pk.spki), RSA_PSS_SHA384, true, [
      'verify',
    ]);
    cryptoKeys.set(pk, k);
  }
  return k;
}

async function publicKeyOf(key: CryptoKey): Promise<BlindPublicKey> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  const b64 = (s: string | undefined) => bytesToBigBE(base64UrlBytes(s ?? ''));
  const r = blindPublicKeyFromComponents(b64(jwk.n), b64(jwk.e));
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function base64UrlBytes(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * Generates a blind-token key pair (e = 65537) with the platform's Web Crypto generator. This is the one
 * place where randomness is not an {@link Rng} parameter: Web Crypto key generation does not take one.
 */
export async function generateBlindKeyPair(bits: 2048 | 3072): Promise<{
  publicKey: BlindPublicKey;
  secretKey: BlindSecretKey;
}> {
  const pair = await RSABSSA.SHA384.generateKey({
    modulusLength: bits,
    publicExponent: Uint8Array.of(1, 0, 1),
  });
  const publicKey = await publicKeyOf(pair.publicKey);
  cryptoKeys.set(publicKey, Promise.resolve(pair.publicKey));
  return { publicKey, secretKey: { publicKey, key: pair.privateKey } };
}

/** PKCS#8 DER bytes of a secret key (to persist it; keep them secret). */
export async function exportBlindSecretKey(sk: BlindSecretKey): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', sk.key));
}

/** Imports a PKCS#8 RSA secret key; `KEY_INVALID` if it is unreadable or its public part is not accepted. */
export async function importBlindSecretKey(pkcs8: Uint8Array): Promise<Result<BlindSecretKey>> {
  let key: CryptoKey;
  try {
    key = await globalThis.crypto.subtle.importKey('pkcs8', Uint8Array.from(pkcs8), RSA_PSS_SHA384, true, [
      'sign',
    ]);
  } catch {
    return fail('KEY_INVALID', 'not a PKCS#8 RSA private key');
  }
  try {
    return ok({ publicKey: await publicKeyOf(key), key });
  } catch (e) {
    return fail('KEY_INVALID', e instanceof Error ? e.message : 'bad RSA key');
  }
}
