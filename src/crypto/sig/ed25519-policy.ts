/**
 * The one Ed25519 acceptance policy that every backend enforces (see docs/crypto.md §7).
 *
 * A signature `sig = R ‖ S` on message `M` under public key `A` is accepted iff
 *  1. `A` is 32 bytes and `sig` is 64 bytes;
 *  2. `S`, read little-endian, is < L (no malleable `S + L`);
 *  3. `A` is a canonical encoding (y < p) whose y is not the y of any of the 8 small-order points
 *     (this also rejects the non-canonical "x = 0 with the sign bit set" encodings);
 *  4. `A` decodes to a curve point;
 *  5. the cofactorless equation holds byte-exactly: encode([S]B − [k]A) = R, with
 *     k = SHA-512(R ‖ A ‖ M) mod L over the bytes as received (so a non-canonical R never verifies).
 *
 * Steps 1–3 are byte checks shared here; steps 4–5 are the backend's. Both the pure (noble) and the
 * native (OpenSSL) backends accept exactly this set: OpenSSL already checks 1, 2, 4, 5 but accepts
 * y ≥ p and small-order keys, which step 3 removes; noble's RFC 8032 mode uses the cofactored
 * equation, which the pure backend replaces with the stricter cofactorless one.
 */
import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { bytesToBigLE, fromHex } from '../bytes.js';
import { unwrap } from '../result.js';

/** Order L of the Ed25519 base point: 2^252 + 27742317777372353535851937790883648493. */
export const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** The field prime p = 2^255 − 19. */
export const ED25519_P = 2n ** 255n - 19n;

/** Byte lengths of Ed25519 keys and signatures. */
export const ED25519_LENGTHS = { secretKey: 32, publicKey: 32, signature: 64 } as const;

/** y-coordinate of an encoded point: the 255 low bits, little-endian. */
function encodedY(point: Uint8Array): bigint {
  const y = Uint8Array.from(point);
  y[31] = y[31]! & 0x7f;
  return bytesToBigLE(y);
}

/** The distinct y-coordinates of the eight small-order points (1, p−1, 0 and two order-8 values). */
const SMALL_ORDER_Y: ReadonlySet<bigint> = new Set(
  ED25519_TORSION_SUBGROUP.map((h) => encodedY(unwrap(fromHex(h, 32)))),
);

/** True when `S` (little-endian bytes) is the canonical scalar, S < L. */
export function isCanonicalS(s: Uint8Array): boolean {
  return s.length === 32 && bytesToBigLE(s) < ED25519_L;
}

/**
 * True when `A` is acceptable as a public key before curve decoding: 32 bytes, y < p, and y not the
 * y-coordinate of a small-order point.
 */
export function isAcceptablePublicKeyEncoding(a: Uint8Array): boolean {
  if (a.length !== ED25519_LENGTHS.publicKey) return false;
  const y = encodedY(a);
  return y < ED25519_P && !SMALL_ORDER_Y.has(y);
}

/** Steps 1–3 of the policy: lengths, S < L, acceptable public-key encoding. */
export function passesBytePolicy(publicKey: Uint8Array, signature: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
  if (signature.length !== ED25519_LENGTHS.signature) return false;
  return isCanonicalS(signature.subarray(32)) && isAcceptablePublicKeyEncoding(publicKey);
}
