/**
 * The Benaloh audit record: a voter challenges a ballot instead of casting it, revealing its plaintext
 * and encryption randomness. Anyone can re-encrypt and compare; the ballot id is spoiled and never counts.
 *
 * `{"cast": <cast ballot>, "secrets": {"plaintext": [[0|1,…],…], "randomness": [[r,…],…]}, "sig": 128 hex}`
 * — `sig` is by the cast's voting key, in the domain `election/audit`, over `{cast, secrets}`.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { ok, type Result, within } from '../../crypto/result.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import { auditBallot, type BallotSecrets, secretsToJson } from '../ballot.js';
import { readHex, readObject } from '../election/fields.js';
import type { Plaintext } from '../selections.js';
import { type CastBallot, castToJson } from './cast.js';
import { checkCast } from './check.js';
import type { CastContext } from './context.js';

/** Signing domain of audit records. */
export const AUDIT_DOMAIN = 'election/audit';

/** A checked audit: the spoiled cast, its tracker, and the plaintext it held. */
export interface CheckedAudit {
  readonly cast: CastBallot;
  readonly tracker: string;
  readonly plaintext: Plaintext;
}

/** Voter side: the audit record of a cast the voter created (and did not send for counting). */
export function createAudit<C>(
  ctx: CastContext<C>,
  voterSecret: Uint8Array,
  cast: CastBallot,
  secrets: BallotSecrets,
): JsonObject {
  const body: JsonObject = { cast: castToJson(cast), secrets: secretsToJson(ctx.ballot, secrets) };
  return { ...body, sig: signJson(ctx.ed, voterSecret, AUDIT_DOMAIN, body) };
}

/**
 * Checks an audit record: shape (`AUDIT_INVALID`), the cast (every `checkCast` code), the voter's
 * signature on the record (`SIGNATURE_INVALID`), and that the revealed values re-encrypt to the ballot's
 * ciphertexts (`BALLOT_INVALID`, `SELECTION_INVALID`, `SCALAR_INVALID`). Returns the plaintext.
 */
export function checkAudit<C>(ctx: CastContext<C>, v: unknown): Result<CheckedAudit> {
  // 1. Shape.
  const o = readObject('AUDIT_INVALID', v, 'audit', ['cast', 'secrets', 'sig']);
  if (!o.ok) return o;
  const sigHex = readHex('AUDIT_INVALID', o.value.sig, 'audit.sig', 64);
  if (!sigHex.ok) return sigHex;
  const secrets = readObject('AUDIT_INVALID', o.value.secrets, 'audit.secrets', ['plaintext', 'randomness']);
  if (!secrets.ok) return secrets;
  // 2. The spoiled ballot is a valid cast of this election.
  const checked = checkCast(ctx, o.value.cast);
  if (!checked.ok) return within('audit', checked);
  const { cast, tracker } = checked.value;
  // 3. The voting key that signed the cast also asks for the audit.
  const body: JsonObject = { cast: o.value.cast, secrets: secrets.value };
  const sig = verifyJson(ctx.ed, cast.voter_key, AUDIT_DOMAIN, body, sigHex.value);
  if (!sig.ok) return within('audit', sig);
  // 4. The revealed plaintext and randomness re-encrypt to exactly the ballot's ciphertexts.
  const plaintext = auditBallot(ctx.ballot, cast.ballot, secrets.value);
  if (!plaintext.ok) return within('audit.secrets', plaintext);
  return ok({ cast, tracker, plaintext: plaintext.value });
}
