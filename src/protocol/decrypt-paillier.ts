/**
 * Decrypting a Paillier tally (seed 001's verification server): the single key holder publishes, per
 * question and option, the count m and the randomness r′ that open the encrypted sum
 * (c = (1+n)^m · r′^n mod n²), so anyone can check the decryption without the key.
 *
 * Wire form: `[[{"m": count, "r": r′}, …], …]` in manifest order.
 */
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import {
  checkDecryption,
  decryptionProofFromJson,
  decryptionProofToJson,
  type PaillierDecryptionProof,
  proveDecryption,
} from '../crypto/paillier/decryption.js';
import type { PaillierPublicKey, PaillierSecretKey } from '../crypto/paillier/keys.js';
import type { Paillier, PaillierCiphertext } from '../crypto/paillier/scheme.js';
import { fail, ok, type Result, within } from '../crypto/result.js';
import type { EncryptedTally } from './tally.js';

/** The key holder's published decryption of a whole tally. */
export type PaillierTallyDecryption = readonly (readonly PaillierDecryptionProof[])[];

/** Decrypts every ciphertext of the tally with its opening (key holder only). */
export function decryptPaillierTally(
  P: Paillier,
  sk: PaillierSecretKey,
  tally: EncryptedTally<PaillierCiphertext>,
): PaillierTallyDecryption {
  return tally.map((row) => row.map((c) => proveDecryption(P, sk, c)));
}

/** JSON form of a tally decryption. */
export function paillierDecryptionToJson(d: PaillierTallyDecryption): JsonValue {
  return d.map((row) => row.map(decryptionProofToJson));
}

/**
 * Reads a published tally decryption and checks every opening against the tally; returns the counts.
 * Never throws.
 */
export function checkPaillierTallyDecryption(
  P: Paillier,
  pk: PaillierPublicKey,
  tally: EncryptedTally<PaillierCiphertext>,
  published: unknown,
): Result<bigint[][]> {
  if (!Array.isArray(published) || published.length !== tally.length) {
    return fail('DECRYPTION_INVALID', 'the decryption must list one row per question');
  }
  const counts: bigint[][] = [];
  for (let q = 0; q < tally.length; q++) {
    const row: unknown = published[q];
    if (!Array.isArray(row) || row.length !== tally[q]!.length) {
      return fail('DECRYPTION_INVALID', `decryption row ${q} must have ${tally[q]!.length} entries`);
    }
    const out: bigint[] = [];
    for (let o = 0; o < row.length; o++) {
      const proof = decryptionProofFromJson(row[o]);
      if (!proof.ok) return within(`decryption[${q}][${o}]`, proof);
      const c = checkDecryption(P, pk, tally[q]![o]!, proof.value);
      if (!c.ok) return within(`decryption[${q}][${o}]`, c);
      out.push(proof.value.m);
    }
    counts.push(out);
  }
  return ok(counts);
}
