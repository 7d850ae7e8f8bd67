/**
 * Session tokens: 32 random bytes as base64url (43 characters), handed to the client once; the database
 * keeps only their SHA-256 (hex), so a stolen database does not yield usable sessions. Lookups go by
 * that digest, so no comparison of secret strings happens in JavaScript.
 */
import { sha256Hex } from '../../../crypto/encoding/hash.js';
import type { Rng } from '../../../crypto/rng.js';

/** The shape of a token. */
export const SESSION_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** A fresh token. */
export function newSessionToken(rng: Rng): string {
  return Buffer.from(rng(32)).toString('base64url');
}

/** What the database stores for a token. */
export function sessionTokenHash(token: string): string {
  return sha256Hex(`pnyx/v1/registrar/session:${token}`);
}
