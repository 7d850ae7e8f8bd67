/**
 * Registration at the registrar, per eligibility mode. Identity keys (seed 000): the voter's public key is
 * registered and the registrar answers the ballot boxes to use. Blind tokens (seed 001): the voter blinds
 * the token message of a fresh voting key here, the registrar signs it blindly, and the voter unblinds and
 * checks the token here; the registrar never sees the voting key.
 */

import type { Static } from '@sinclair/typebox';
import { blindPublicKeyFromJson } from '../crypto/blind/keys.js';
import { fromHex, toHex } from '../crypto/bytes.js';
import type { Rng } from '../crypto/rng.js';
import type { ElectionInfoSchema } from '../node/roles/registrar/http/schemas.js';
import {
  checkVotingToken,
  finishToken,
  requestToken,
  type VotingToken,
} from '../protocol/eligibility/token.js';
import { asClientError, clientError } from './errors.js';
import type { VoterSession } from './session.js';

/** Public facts of an election, as the registrar serves them. */
export type RegistrarElection = Static<typeof ElectionInfoSchema>;

/** An assigned ballot box. */
export interface AssignedBox {
  readonly id: string;
  readonly url: string;
  readonly key: string;
}

/** The registrar's public facts of `election` (`NOT_FOUND` for an election it does not serve). */
export async function registrarElection(s: VoterSession, election: string): Promise<RegistrarElection> {
  try {
    return await s.registrar.election({ params: { election } });
  } catch (e) {
    throw asClientError(e, `election ${election}`);
  }
}

/**
 * Identity keys: registers `publicKey` (hex) for the session's voter in `election`; answers the assigned
 * boxes. Registering the same key again answers the same boxes; another key is `ALREADY_REGISTERED`.
 */
export async function registerIdentityKey(
  s: VoterSession,
  election: string,
  publicKey: string,
): Promise<readonly AssignedBox[]> {
  try {
    const a = await s.registrar.registerKey({
      params: { election },
      body: { session: s.session, key: publicKey },
    });
    return a.boxes.map((b) => ({ id: b.id, url: b.url, key: b.key }));
  } catch (e) {
    throw asClientError(e, 'key registration');
  }
}

/**
 * Blind tokens: obtains a voting token for `publicKey` (hex) in the election with `fingerprint`, whose
 * token key (SPKI hex) the registrar serves. The blinding and unblinding happen here; the token is checked
 * before it is returned. A login gets one token per election (`TOKEN_ALREADY_ISSUED` afterwards).
 */
export async function obtainToken(
  s: VoterSession,
  info: RegistrarElection,
  publicKey: string,
  rng: Rng,
): Promise<VotingToken> {
  if (info.mode !== 'blind-tokens' || info.token_key === undefined)
    throw clientError('USAGE', `election ${info.id} does not use blind tokens`);
  const key = blindPublicKeyFromJson(info.token_key);
  if (!key.ok) throw clientError('ELECTION_MISMATCH', `the registrar's token key: ${key.message}`);
  // 1. Blind M = tag ‖ fingerprint ‖ A with a fresh factor; only the blinded message leaves.
  const request = requestToken(key.value, info.fingerprint, publicKey, rng);
  let answer: { blind_signature: string };
  try {
    answer = await s.registrar.requestToken({
      params: { election: info.id },
      body: { session: s.session, blinded: toHex(request.blindedMsg) },
    });
  } catch (e) {
    throw asClientError(e, 'token request');
  }
  // 2. Unblind, then 3. check the token as a ballot box will.
  const sig = fromHex(answer.blind_signature);
  if (!sig.ok) throw clientError('ELECTION_MISMATCH', 'the blind signature is not hex');
  const token = await finishToken(key.value, request, sig.value);
  if (!token.ok) throw clientError('ELECTION_MISMATCH', `the registrar's blind signature: ${token.message}`);
  const check = await checkVotingToken(key.value, info.fingerprint, publicKey, token.value);
  if (!check.ok) throw clientError('ELECTION_MISMATCH', `the voting token does not verify: ${check.message}`);
  return token.value;
}
