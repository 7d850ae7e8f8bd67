/**
 * Ed25519 on node:crypto (OpenSSL). Node-only; callers inject it where the pure backend would be used.
 *
 * Raw keys are wrapped into KeyObjects through JWKs, which import about ten times faster than DER
 * (≈0.04 ms against ≈0.4–0.5 ms): a public key as `{kty:'OKP', crv:'Ed25519', x: A}`, a seed as
 * `{kty:'OKP', crv:'Ed25519', d, x}`. OpenSSL derives the public key
 * from `d` and ignores `x`, so `x` is a fixed placeholder; the tests check that signatures and derived
 * public keys equal the pure backend's. Public KeyObjects are kept in a small LRU (it halves verify time).
 * OpenSSL checks S < L and the cofactorless equation byte-exactly but accepts non-canonical (y ≥ p)
 * and small-order public keys; the shared byte policy is applied first, so this backend accepts exactly
 * what {@link ed25519Pure} accepts. When the native addon is built, steps 4–5 of verification run there
 * instead (`native/ed25519.c`: the same cofactorless equation on libsodium's arithmetic, without a key
 * import per call, and from tables of multiples for keys used again); signing stays on OpenSSL.
 * Imported private keys are kept per seed array while it lives (and only used while it holds the same
 * bytes), so a node signing many times imports its key once.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { toHex } from '../bytes.js';
import { assertSeed, type Ed25519 } from '../sig/ed25519.js';
import { passesBytePolicy } from '../sig/ed25519-policy.js';
import { nativeEd25519Verify } from './sodium-addon.js';

/**
 * Steps 4–5 on the addon, else on OpenSSL: about 50 µs a call for a key seen once (no key import) and
 * about 20 µs for a key used again (its table of multiples), against about 130 µs through node:crypto.
 */
const addonVerify = nativeEd25519Verify();

/** Placeholder for the JWK `x` member (required by Node, unused by OpenSSL when `d` is present). */
const JWK_X_PLACEHOLDER = Buffer.alloc(32).toString('base64url');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Most-recently-used public KeyObjects (voters' and servers' keys recur across many checks). */
const CACHE_SIZE = 256;
const publicKeyCache = new Map<string, KeyObject>();

/**
 * Imported private keys by the seed array that was given (a node signs with the same array every time).
 * A hit is used only while the array still holds the bytes it was imported from; entries go with the array.
 */
const privateKeyCache = new WeakMap<Uint8Array, { readonly seed: Uint8Array; readonly key: KeyObject }>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  assertSeed(seed);
  const hit = privateKeyCache.get(seed);
  if (hit !== undefined && sameBytes(hit.seed, seed)) return hit.key;
  const d = Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).toString('base64url');
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d, x: JWK_X_PLACEHOLDER },
    format: 'jwk',
  });
  privateKeyCache.set(seed, { seed: Uint8Array.from(seed), key });
  return key;
}

function publicKeyObject(a: Uint8Array): KeyObject {
  const id = toHex(a);
  const hit = publicKeyCache.get(id);
  if (hit !== undefined) {
    // Refresh recency: Map iteration order is insertion order.
    publicKeyCache.delete(id);
    publicKeyCache.set(id, hit);
    return hit;
  }
  // JWK imports about ten times faster than the equivalent SPKI DER (≈0.04 ms against ≈0.4 ms).
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64url');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  publicKeyCache.set(id, key);
  if (publicKeyCache.size > CACHE_SIZE) publicKeyCache.delete(publicKeyCache.keys().next().value!);
  return key;
}

/** Ed25519 through node:crypto, steps 4–5 of verification on `verify45` (see the file comment). */
function nodeEd25519(
  backend: string,
  verify45: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean,
): Ed25519 {
  return {
    backend,
    publicKeyFromSecret(secretKey) {
      const spki = createPublicKey(privateKeyObject(secretKey)).export({ format: 'der', type: 'spki' });
      return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
    },
    sign(secretKey, message) {
      return new Uint8Array(sign(null, message, privateKeyObject(secretKey)));
    },
    verify(publicKey, message, signature) {
      try {
        // Steps 1–3 of the policy (lengths, S < L, canonical non-small-order A), then 4–5.
        if (!(message instanceof Uint8Array) || !passesBytePolicy(publicKey, signature)) return false;
        return verify45(publicKey, message, signature);
      } catch {
        return false;
      }
    },
  };
}

/** Ed25519 on OpenSSL alone, with the pnyx acceptance policy enforced before OpenSSL. */
export const ed25519OpenSsl: Ed25519 = nodeEd25519('node', (publicKey, message, signature) =>
  verify(null, message, publicKeyObject(publicKey), signature),
);

/** Ed25519 for Node: OpenSSL signs; the native addon verifies when it is built, else OpenSSL. */
export const ed25519Native: Ed25519 = addonVerify ? nodeEd25519('node-sodium', addonVerify) : ed25519OpenSsl;
