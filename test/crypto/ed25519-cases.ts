/**
 * Ed25519 cases shared by the signature tests: signatures whose R and public key A carry torsion
 * components (valid under the cofactored equation, valid under the cofactorless one only when the
 * torsion parts cancel), and an independent check of the verification equation on noble's points.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bigToBytesLE, bytesEqual, bytesToBigLE, concatBytes, mod } from '../../src/crypto/bytes.js';
import { sha512 } from '../../src/crypto/encoding/hash.js';
import { ED25519_L } from '../../src/crypto/sig/ed25519-policy.js';

export const Point = ed25519.Point;
export type EdPoint = InstanceType<typeof Point>;

/** A point of order 8; its multiples are the eight points of small order. */
export const TORSION8 = Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');

/** k = SHA-512(R ‖ A ‖ M) mod L. */
export const kOf = (r: Uint8Array, a: Uint8Array, m: Uint8Array): bigint =>
  mod(bytesToBigLE(sha512(concatBytes(r, a, m))), ED25519_L);

/** The signature bytes R ‖ S. */
export const sigOf = (r: EdPoint, s: bigint): Uint8Array => concatBytes(r.toBytes(), bigToBytesLE(s, 32));

/** [t]·T for t in 0..7 (0: the identity). */
const torsion = (t: number): EdPoint => TORSION8.multiply(BigInt(t) || 8n);

/**
 * A = [a]B + [ta]T for the secret a derived from `seed`, and a signature on `msg` with
 * R = [r]B + [tr]T, S = r + k·a mod L (ta, tr in 0..7; r derived from seed and message). The
 * cofactored equation always holds; the cofactorless one iff [k]([ta]T) + [tr]T is the identity.
 */
export function torsionSigned(
  seed: Uint8Array,
  msg: Uint8Array,
  tr: number,
  ta: number,
): { publicKey: Uint8Array; signature: Uint8Array } {
  const a = bytesToBigLE(sha512(seed).subarray(0, 32)) % ED25519_L;
  const A = Point.BASE.multiply(a || 1n).add(torsion(ta));
  const r = mod(bytesToBigLE(sha512(concatBytes(seed, msg))), ED25519_L) || 1n;
  const R = Point.BASE.multiply(r).add(torsion(tr));
  const publicKey = A.toBytes();
  const s = mod(r + kOf(R.toBytes(), publicKey, msg) * (a || 1n), ED25519_L);
  return { publicKey, signature: sigOf(R, s) };
}

/**
 * encode([S]B − [k]A) = R on noble's points, with no byte policy: A decoded as libsodium decodes it
 * (any y below 2^255, reduced mod p; x = 0 with either sign), S reduced mod L (B has order L). False when
 * A does not decode. Independent of libsodium: the reference for inputs the policy would refuse.
 */
export function equationHolds(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean {
  let a: EdPoint;
  try {
    a = Point.fromBytes(publicKey, true);
  } catch {
    return false;
  }
  const r = signature.subarray(0, 32);
  const s = mod(bytesToBigLE(signature.subarray(32)), ED25519_L);
  const check = Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(kOf(r, publicKey, msg)));
  return bytesEqual(check.toBytes(), r);
}
