/**
 * Voting tokens of the blind-token mode (seed 001): an RFC 9474 signature by the election's token key on
 *   `M = utf8("pnyx/v1/voting-token") ‖ fingerprint (32 bytes) ‖ A (32 bytes)`,
 * where `A` is the voter's fresh Ed25519 voting key. The signed message is `prefix ‖ M` (RFC 9474
 * PSS-Randomized preparation), so a token travels as `{prefix, sig}` (hex) and the checker rebuilds `M`
 * from the cast's election and voting key: a token is bound to one key in one election.
 */
import { type BlindPublicKey, blindPublicKeyFromJson } from '../../crypto/blind/keys.js';
import type { BlindOutput } from '../../crypto/blind/rsabssa.js';
import { blind, finalize, splitPreparedMessage, verifyToken } from '../../crypto/blind/tokens.js';
import { concatBytes, fromHex, toHex, utf8 } from '../../crypto/bytes.js';
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { type Check, fail, ok, type Result, unwrap } from '../../crypto/result.js';
import type { Rng } from '../../crypto/rng.js';
import { readHex, readHex32, readObject } from '../election/fields.js';

/** Tag at the start of every token message. */
export const TOKEN_TAG = 'pnyx/v1/voting-token';

/** A voting token: the 32-byte preparation prefix and the RSA signature, as lowercase hex. */
export interface VotingToken {
  readonly prefix: string;
  readonly sig: string;
}

/** The message `M` a token signs for voting key `voterKey` (hex) in election `fingerprint` (hex). */
export function tokenMessage(fingerprint: string, voterKey: string): Uint8Array {
  return concatBytes(utf8(TOKEN_TAG), unwrap(fromHex(fingerprint, 32)), unwrap(fromHex(voterKey, 32)));
}

/** Voter, step 1: blinds the token message; send `blindedMsg` to the registrar, keep the rest. */
export function requestToken(
  tokenKey: BlindPublicKey,
  fingerprint: string,
  voterKey: string,
  rng: Rng,
): BlindOutput {
  return blind(tokenKey, tokenMessage(fingerprint, voterKey), rng);
}

/** Voter, step 2: unblinds the registrar's answer into a token (`TOKEN_INVALID` if it is wrong). */
export async function finishToken(
  tokenKey: BlindPublicKey,
  request: BlindOutput,
  blindSig: Uint8Array,
): Promise<Result<VotingToken>> {
  const s = await finalize(tokenKey, request.preparedMsg, blindSig, request.inv);
  if (!s.ok) return s;
  const parts = splitPreparedMessage(request.preparedMsg);
  if (!parts.ok) return parts;
  return ok({ prefix: toHex(parts.value.prefix), sig: toHex(s.value) });
}

/** Strict reader of a token's JSON shape (`{prefix, sig}`); lengths against the key are checked later. */
export function readVotingToken(v: unknown, what = 'token'): Result<VotingToken> {
  const o = readObject('TOKEN_INVALID', v, what, ['prefix', 'sig']);
  if (!o.ok) return o;
  const prefix = readHex32('TOKEN_INVALID', o.value.prefix, `${what}.prefix`);
  if (!prefix.ok) return prefix;
  const sig = readHex('TOKEN_INVALID', o.value.sig, `${what}.sig`);
  if (!sig.ok) return sig;
  return ok({ prefix: prefix.value, sig: sig.value });
}

/** JSON form of a token. */
export function votingTokenToJson(t: VotingToken): JsonObject {
  return { prefix: t.prefix, sig: t.sig };
}

/**
 * Checks a token for `voterKey` in election `fingerprint` under the token key (SPKI hex, or decoded).
 * Asynchronous (Web Crypto). Codes: `TOKEN_INVALID` (does not verify, or bad key), `ENCODING_INVALID`
 * (signature length or range).
 */
export async function checkVotingToken(
  tokenKey: BlindPublicKey | string,
  fingerprint: string,
  voterKey: string,
  token: VotingToken,
): Promise<Check> {
  const key = typeof tokenKey === 'string' ? blindPublicKeyFromJson(tokenKey) : ok(tokenKey);
  if (!key.ok) return fail('TOKEN_INVALID', `token key: ${key.message}`);
  const prefix = fromHex(token.prefix, 32);
  const sig = fromHex(token.sig);
  const fp = fromHex(fingerprint, 32);
  const a = fromHex(voterKey, 32);
  if (!prefix.ok || !sig.ok || !fp.ok || !a.ok)
    return fail('TOKEN_INVALID', 'token fields must be lowercase hex');
  // The signed message is prefix ‖ M(fingerprint, A).
  const prepared = concatBytes(prefix.value, tokenMessage(fingerprint, voterKey));
  return verifyToken(key.value, prepared, sig.value);
}
