/**
 * Generated initial passwords for password-less roll imports: 16 characters from a 32-letter alphabet
 * without look-alikes (80 bits), drawn from the injected generator by masking 5 bits per byte (32 divides
 * 256, so there is no modulo bias). They are returned once by the import and stored only as argon2id hashes.
 */
import type { Rng } from '../../../crypto/rng.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789A';

/** A fresh password. */
export function newInitialPassword(rng: Rng): string {
  const b = rng(16);
  let s = '';
  for (const x of b) s += ALPHABET[x & 31];
  return s;
}
