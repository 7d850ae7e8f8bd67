/**
 * Verifiable decryption. The key holder publishes the plaintext m and the randomness r′ of the
 * ciphertext (recovered with the secret key as r′ = (c mod n)^(n⁻¹ mod φ(n)) mod n, by CRT); anyone checks
 * c ≡ g^m·r′^n = (1 + m·n)·r′^n (mod n²). For a well-formed key (gcd(n, φ(n)) = 1), (m, r) ↦ g^m·r^n is a
 * bijection from Z_n × Z_n^* onto Z*_{n²}, so the pair is unique and proves that m is the plaintext.
 * No challenge is hashed.
 *
 * Revealing r′ is harmless for a tally (it is the product of many voters' randomness) but would let
 * anyone link a single ballot's ciphertext to its plaintext, which is what decrypting it does anyway.
 */
import { asBigInt, isJsonObject, type JsonObject } from '../encoding/canonical-json.js';
import { gcd } from '../modarith.js';
import { type Check, fail, OK, ok, type Result } from '../result.js';
import { intJson } from './json.js';
import type { PaillierPublicKey, PaillierSecretKey } from './keys.js';
import { gPow, isUnitModN2, type Paillier, type PaillierCiphertext } from './scheme.js';

/** A published decryption: the plaintext and the randomness that opens the ciphertext. */
export interface PaillierDecryptionProof {
  readonly m: bigint;
  readonly r: bigint;
}

/** Decrypts c and recovers its randomness (key holder only). */
export function proveDecryption(
  P: Paillier,
  sk: PaillierSecretKey,
  c: PaillierCiphertext,
): PaillierDecryptionProof {
  return { m: P.decrypt(sk, c), r: P.recoverRandomness(sk, c) };
}

/** Checks that `proof` opens c; never throws (CIPHERTEXT_INVALID, DECRYPTION_INVALID). */
export function checkDecryption(
  P: Paillier,
  pk: PaillierPublicKey,
  c: PaillierCiphertext,
  proof: PaillierDecryptionProof,
): Check {
  const { n, n2 } = pk;
  // 1. The ciphertext is a unit mod n².
  if (!isUnitModN2(pk, c)) return fail('CIPHERTEXT_INVALID', 'ciphertext is not a unit mod n²');
  // 2. m ∈ [0, n) and r′ ∈ Z_n^*.
  if (typeof proof.m !== 'bigint' || proof.m < 0n || proof.m >= n)
    return fail('DECRYPTION_INVALID', 'plaintext is not in [0, n)');
  if (typeof proof.r !== 'bigint' || proof.r < 1n || proof.r >= n || gcd(proof.r, n) !== 1n)
    return fail('DECRYPTION_INVALID', 'randomness is not a unit mod n');
  // 3. c ≡ (1 + m·n)·r′^n (mod n²).
  if ((gPow(pk, proof.m) * P.engine.pow(proof.r, n, n2)) % n2 !== c)
    return fail('DECRYPTION_INVALID', 'the plaintext and randomness do not open the ciphertext');
  return OK;
}

/** JSON form `{"m": m, "r": r′}`. */
export function decryptionProofToJson(proof: PaillierDecryptionProof): JsonObject {
  return { m: intJson(proof.m), r: intJson(proof.r) };
}

/** Strict inverse of {@link decryptionProofToJson} (shape only; ranges are checked by the checker). */
export function decryptionProofFromJson(v: unknown): Result<PaillierDecryptionProof> {
  if (!isJsonObject(v)) return fail('ENCODING_INVALID', 'Paillier decryption must be a JSON object');
  const keys = Object.keys(v).sort();
  if (keys.length !== 2 || keys[0] !== 'm' || keys[1] !== 'r')
    return fail('ENCODING_INVALID', 'Paillier decryption must have exactly the keys m, r');
  const m = asBigInt(v.m);
  const r = asBigInt(v.r);
  if (m === undefined || r === undefined || m < 0n || r < 0n)
    return fail('ENCODING_INVALID', 'Paillier decryption fields must be non-negative JSON integers');
  return ok({ m, r });
}
