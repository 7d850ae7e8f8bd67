/** SHA-256/SHA-512 helpers over bytes and canonical JSON. */
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../bytes.js';
import { canonicalBytes, type JsonValue } from './canonical-json.js';

/** SHA-256 of bytes (or of a string's UTF-8). */
export function sha256(data: Uint8Array | string): Uint8Array {
  return nobleSha256(typeof data === 'string' ? utf8(data) : data);
}

/** SHA-512 of bytes. */
export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

/** Lowercase hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(data));
}

/** SHA-256 of the canonical JSON of a value. */
export function hashJson(v: JsonValue): Uint8Array {
  return sha256(canonicalBytes(v));
}

/** Lowercase hex SHA-256 of the canonical JSON of a value (block ids, ballot trackers, fingerprints). */
export function hashJsonHex(v: JsonValue): string {
  return toHex(hashJson(v));
}
