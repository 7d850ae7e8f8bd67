/**
 * The blind signer's raw RSA operation on OpenSSL: `privateDecrypt` with `RSA_NO_PADDING` computes
 * x^d mod n with the CRT and OpenSSL's own base blinding (constant-time exponentiation). Node-only;
 * inject it into `blindSign`.
 */
import { constants, KeyObject, privateDecrypt } from 'node:crypto';
import type { BlindSecretKey } from '../blind/keys.js';
import type { RsaPrivateOp } from '../blind/rsa-private.js';

const keyObjects = new WeakMap<BlindSecretKey, KeyObject>();

function keyObject(sk: BlindSecretKey): KeyObject {
  let k = keyObjects.get(sk);
  if (k === undefined) {
    k = KeyObject.from(sk.key);
    keyObjects.set(sk, k);
  }
  return k;
}

/** Raw RSA through node:crypto (OpenSSL). */
export const rsaPrivateNative: RsaPrivateOp = {
  backend: 'openssl',
  async apply(secretKey, x) {
    const out = privateDecrypt({ key: keyObject(secretKey), padding: constants.RSA_NO_PADDING }, x);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};
