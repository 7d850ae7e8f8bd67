/**
 * Encryption at rest of the registrar's secrets in its database (TOTP secrets, blind-token keys):
 * AES-256-GCM with a 96-bit random nonce, under a key derived by HKDF-SHA-256 from a 32-byte registrar
 * secret and the label `pnyx/v1/registrar/at-rest`. Each value is bound to its purpose and owner by the
 * associated data (e.g. `totp:voter:17`), so a ciphertext copied into another row does not open.
 * Stored form: `v1:` + hex(nonce ‖ ciphertext ‖ tag).
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { fromHex, toHex } from '../../../crypto/bytes.js';
import type { Rng } from '../../../crypto/rng.js';

/** Seals and opens secrets. */
export interface SecretBox {
  seal(plain: Uint8Array, ad: string): string;
  /** `undefined` when the text is not a box of this key and associated data. */
  open(sealed: string, ad: string): Uint8Array | undefined;
}

/** A box keyed from `secret` (32 bytes, e.g. derived from the node's identity key). */
export function secretBox(secret: Uint8Array, rng: Rng): SecretBox {
  if (secret.length !== 32) throw new Error('the at-rest secret must be 32 bytes');
  const key = new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), 'pnyx/v1/registrar/at-rest', 32));
  return {
    seal(plain, ad) {
      const nonce = rng(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      c.setAAD(new TextEncoder().encode(ad));
      const body = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
      return `v1:${toHex(nonce)}${toHex(body)}`;
    },
    open(sealed, ad) {
      if (!sealed.startsWith('v1:')) return undefined;
      const b = fromHex(sealed.slice(3));
      if (!b.ok || b.value.length < 12 + 16) return undefined;
      const nonce = b.value.subarray(0, 12);
      const tag = b.value.subarray(b.value.length - 16);
      try {
        const d = createDecipheriv('aes-256-gcm', key, nonce);
        d.setAAD(new TextEncoder().encode(ad));
        d.setAuthTag(tag);
        return new Uint8Array(
          Buffer.concat([d.update(b.value.subarray(12, b.value.length - 16)), d.final()]),
        );
      } catch {
        return undefined;
      }
    },
  };
}
