/**
 * Ed25519 (RFC 8032) signatures behind one interface with interchangeable backends.
 *
 * Secret keys are 32-byte seeds, public keys 32-byte point encodings, signatures 64 bytes `R ‖ S`.
 * Every backend accepts exactly the signatures allowed by the policy in `ed25519-policy.ts`
 * (strict RFC 8032: canonical S and A, no small-order A, cofactorless equation checked byte-exactly).
 *
 * {@link ed25519Pure} runs everywhere (browsers included) on `@noble/curves`; the Node backend lives in
 * `src/crypto/node/ed25519-native.ts` and is injected by callers.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, bytesToBigLE, concatBytes, mod } from '../bytes.js';
import { sha512 } from '../encoding/hash.js';
import { CryptoUsageError } from '../result.js';
import type { Rng } from '../rng.js';
import {
  ED25519_L,
  ED25519_LENGTHS,
  isAcceptablePublicKeyEncoding,
  passesBytePolicy,
} from './ed25519-policy.js';

/** An Ed25519 implementation. */
export interface Ed25519 {
  /** Name of the implementation, e.g. `noble` or `node`. */
  readonly backend: string;
  /** 32-byte seed → 32-byte public key. Throws {@link CryptoUsageError} if the seed is not 32 bytes. */
  publicKeyFromSecret(secretKey: Uint8Array): Uint8Array;
  /** Deterministic RFC 8032 signature (64 bytes). Throws {@link CryptoUsageError} on a bad seed length. */
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** True iff the signature is accepted by the pnyx Ed25519 policy. Never throws. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Throws unless `secretKey` is a 32-byte seed (a programming error, never untrusted input). */
export function assertSeed(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== ED25519_LENGTHS.secretKey) {
    throw new CryptoUsageError('an Ed25519 secret key is a 32-byte seed');
  }
}

const Point = ed25519.Point;

/** Strict verification on noble points: policy byte checks, then encode([S]B − [k]A) = R. */
function verifyPure(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  // Steps 1–3: lengths, S < L, A canonical and not of small order.
  if (!(message instanceof Uint8Array) || !passesBytePolicy(publicKey, signature)) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToBigLE(signature.subarray(32));
  // Step 4: A must decode to a curve point (noble's strict RFC 8032 decoding).
  let a: InstanceType<typeof Point>;
  try {
    a = Point.fromBytes(publicKey, false);
  } catch {
    return false;
  }
  // Step 5: k = SHA-512(R ‖ A ‖ M) mod L over the received bytes; cofactorless check [S]B − [k]A = R.
  const k = mod(bytesToBigLE(sha512(concatBytes(r, publicKey, message))), ED25519_L);
  const rCheck = Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k));
  return bytesEqual(rCheck.toBytes(), r);
}

/**
 * True when `publicKey` is an acceptable Ed25519 public key under the pnyx policy: 32 bytes, canonical,
 * not of small order, and on the curve. Never throws.
 */
export function isValidPublicKey(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || !isAcceptablePublicKeyEncoding(publicKey)) return false;
  try {
    Point.fromBytes(publicKey, false);
    return true;
  } catch {
    return false;
  }
}

/** Pure-TypeScript backend on `@noble/curves` (constant-time signing, variable-time verification). */
export const ed25519Pure: Ed25519 = {
  backend: 'noble',
  publicKeyFromSecret(secretKey) {
    assertSeed(secretKey);
    return ed25519.getPublicKey(secretKey);
  },
  sign(secretKey, message) {
    assertSeed(secretKey);
    return ed25519.sign(message, secretKey);
  },
  verify(publicKey, message, signature) {
    try {
      return verifyPure(publicKey, message, signature);
    } catch {
      return false;
    }
  },
};

/** A fresh signing key pair: a random 32-byte seed and its public key. */
export function generateSigningKey(ed: Ed25519, rng: Rng): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = rng(ED25519_LENGTHS.secretKey);
  return { secretKey, publicKey: ed.publicKeyFromSecret(secretKey) };
}
