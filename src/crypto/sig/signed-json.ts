/**
 * Domain-separated Ed25519 signatures over canonical JSON.
 *
 * The signed bytes of a payload `P` in domain `D` are the canonical JSON of the two-element array
 * `["pnyx/v1/" + D, P]` in UTF-8. Canonical JSON is self-delimiting, so the domain and the payload
 * cannot be confused with another split; a signature made for one domain never verifies in another.
 * Public keys and signatures travel as lowercase hex (64 and 128 digits).
 */
import { fromHex, toHex } from '../bytes.js';
import { canonicalBytes, type JsonValue } from '../encoding/canonical-json.js';
import { type Check, fail, OK } from '../result.js';
import { type Ed25519, isValidPublicKey } from './ed25519.js';
import { ED25519_LENGTHS, isAcceptablePublicKeyEncoding } from './ed25519-policy.js';

/** Prefix of every signing domain. */
export const SIGNING_DOMAIN_PREFIX = 'pnyx/v1/';

/** The exact bytes signed for `payload` in `domain`: `canonicalBytes(["pnyx/v1/" + domain, payload])`. */
export function signingBytes(domain: string, payload: JsonValue): Uint8Array {
  return canonicalBytes([SIGNING_DOMAIN_PREFIX + domain, payload]);
}

/** Signs `payload` in `domain`; returns the 64-byte signature as lowercase hex. */
export function signJson(ed: Ed25519, secretKey: Uint8Array, domain: string, payload: JsonValue): string {
  return toHex(ed.sign(secretKey, signingBytes(domain, payload)));
}

/**
 * Checks a hex signature on `payload` in `domain` under a hex public key. Never throws.
 * Codes: `KEY_INVALID` (not 32 bytes of lowercase hex, non-canonical, small-order or off-curve key),
 * `ENCODING_INVALID` (signature not 64 bytes of lowercase hex, or payload not encodable),
 * `SIGNATURE_INVALID` (the signature does not verify).
 */
export function verifyJson(
  ed: Ed25519,
  publicKeyHex: string,
  domain: string,
  payload: JsonValue,
  signatureHex: string,
): Check {
  // The public key: 32 bytes of lowercase hex, canonical, not of small order.
  const a = fromHex(publicKeyHex, ED25519_LENGTHS.publicKey);
  if (!a.ok) return fail('KEY_INVALID', `public key: ${a.message}`);
  if (!isAcceptablePublicKeyEncoding(a.value))
    return fail('KEY_INVALID', 'public key is a non-canonical or small-order point');
  // The signature: 64 bytes of lowercase hex.
  const sig = fromHex(signatureHex, ED25519_LENGTHS.signature);
  if (!sig.ok) return fail('ENCODING_INVALID', `signature: ${sig.message}`);
  // The signed bytes: the payload must have a canonical encoding.
  let bytes: Uint8Array;
  try {
    if (typeof domain !== 'string') return fail('ENCODING_INVALID', 'signing domain must be a string');
    bytes = signingBytes(domain, payload);
  } catch (e) {
    return fail('ENCODING_INVALID', `payload has no canonical JSON: ${e instanceof Error ? e.message : e}`);
  }
  // The Ed25519 check itself (backend applies the full policy).
  if (ed.verify(a.value, bytes, sig.value)) return OK;
  // On failure only (to keep the fast path fast), tell an off-curve key from a bad signature.
  if (!isValidPublicKey(a.value)) return fail('KEY_INVALID', 'public key is not a point of edwards25519');
  return fail('SIGNATURE_INVALID', `signature does not verify in domain ${domain}`);
}
