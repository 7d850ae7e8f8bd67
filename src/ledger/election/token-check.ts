/**
 * Synchronous check of a blind-token voting token, for the ledger's `ballot` rule (ledger rules are
 * synchronous, while `checkVotingToken` goes through Web Crypto and is asynchronous).
 *
 * It is RSASSA-PSS verification (RFC 8017 §8.1.2, §9.1.2) with SHA-384, MGF1-SHA-384 and a 48-byte salt,
 * written with the crypto layer's own primitives: s < n of kLen bytes; m = s^e mod n; EM = I2OSP(m, emLen)
 * with emBits = bits(n) − 1; the salt is recovered from EM (DB = maskedDB ⊕ MGF1(H), salt = last 48 bytes
 * of DB); then EM must equal EMSA-PSS-ENCODE(prefix ‖ M, emBits, salt) byte for byte. Re-encoding covers
 * every check of EMSA-PSS-VERIFY (trailer 0xbc, cleared top bits, zero padding, the 0x01 separator and
 * H = Hash(0^8 ‖ Hash(message) ‖ salt)), because the encoding is a function of the salt.
 * Public data only; variable time.
 */
import type { BlindPublicKey } from '../../crypto/blind/keys.js';
import { emsaPssEncode, H_LEN, mgf1 } from '../../crypto/blind/rsabssa.js';
import {
  bigToBytesBE,
  bytesEqual,
  bytesToBigBE,
  concatBytes,
  fromHex,
  modPowBig,
} from '../../crypto/bytes.js';
import { type Check, fail, OK } from '../../crypto/result.js';
import { tokenMessage, type VotingToken } from '../../protocol/eligibility/token.js';

/** PSS salt length of RSABSSA-SHA384-PSS-Randomized. */
const SALT_LEN = 48;

/**
 * Checks `token` for voting key `voterKey` (hex) in election `fingerprint` (hex) under `key`.
 * `TOKEN_INVALID` when it does not verify; never throws.
 */
export function checkVotingTokenSync(
  key: BlindPublicKey,
  fingerprint: string,
  voterKey: string,
  token: VotingToken,
): Check {
  const kLen = Math.ceil(key.bits / 8);
  const prefix = fromHex(token.prefix, 32);
  const sig = fromHex(token.sig, kLen);
  if (!prefix.ok || !sig.ok)
    return fail('TOKEN_INVALID', `token must be a 32-byte prefix and a ${kLen}-byte signature`);
  // 1. RSAVP1: s < n, m = s^e mod n.
  const s = bytesToBigBE(sig.value);
  if (s >= key.n) return fail('TOKEN_INVALID', 'token signature is not below the modulus');
  const m = modPowBig(s, key.e, key.n);
  // 2. EM = I2OSP(m, emLen), emBits = bits(n) − 1.
  const emBits = key.bits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (m >= 1n << BigInt(8 * emLen)) return fail('TOKEN_INVALID', 'token signature does not verify');
  const em = bigToBytesBE(m, emLen);
  // 3. Recover the salt: DB = maskedDB ⊕ MGF1(H), salt = the last SALT_LEN bytes of DB.
  const dbLen = emLen - H_LEN - 1;
  if (dbLen < SALT_LEN + 1) return fail('TOKEN_INVALID', 'the token key is too small');
  const h = em.subarray(dbLen, dbLen + H_LEN);
  const mask = mgf1(h, dbLen);
  const salt = new Uint8Array(SALT_LEN);
  for (let i = 0; i < SALT_LEN; i++) salt[i] = em[dbLen - SALT_LEN + i]! ^ mask[dbLen - SALT_LEN + i]!;
  // 4. Re-encode prefix ‖ M with that salt; the signature verifies exactly when the encodings agree.
  const prepared = concatBytes(prefix.value, tokenMessage(fingerprint, voterKey));
  return bytesEqual(emsaPssEncode(prepared, emBits, salt), em)
    ? OK
    : fail('TOKEN_INVALID', 'token signature does not verify');
}
