/** Voter side: encrypts a plaintext into a signed cast ballot. */
import { toHex } from '../../crypto/bytes.js';
import { ok, type Result } from '../../crypto/result.js';
import type { Rng } from '../../crypto/rng.js';
import { signJson } from '../../crypto/sig/signed-json.js';
import { type BallotSecrets, createBallot } from '../ballot.js';
import type { VotingToken } from '../eligibility/token.js';
import type { Plaintext } from '../selections.js';
import { ballotBinding, newBallotId } from './binding.js';
import { CAST_DOMAIN, type CastBallot, castPayload, castTracker, type UnsignedCast } from './cast.js';
import type { CastContext } from './context.js';

/** What the voter supplies. */
export interface CastInput {
  /** 32-byte Ed25519 seed of the voting key. */
  readonly voterSecret: Uint8Array;
  readonly plaintext: Plaintext;
  /** Blind-token elections: the token on this voting key. */
  readonly token?: VotingToken;
  /** A chosen ballot id (hex); a fresh random one when omitted. */
  readonly ballotId?: string;
}

/** A cast ballot, its tracker, and the secrets that let its voter audit it instead of casting it. */
export interface CreatedCast {
  readonly cast: CastBallot;
  readonly tracker: string;
  readonly secrets: BallotSecrets;
}

/**
 * Draws a ballot id, encrypts and proves the plaintext bound to (voting key, ballot id), and signs the
 * envelope in the domain `election/cast`. Fails with `SELECTION_INVALID` if the plaintext violates the
 * manifest.
 */
export function createCast<C>(ctx: CastContext<C>, input: CastInput, rng: Rng): Result<CreatedCast> {
  const voterKey = toHex(ctx.ed.publicKeyFromSecret(input.voterSecret));
  const ballotId = input.ballotId ?? newBallotId(rng);
  const created = createBallot(ctx.ballot, input.plaintext, ballotBinding(voterKey, ballotId), rng);
  if (!created.ok) return created;
  const unsigned: UnsignedCast = {
    election: ctx.fingerprint,
    ballot_id: ballotId,
    voter_key: voterKey,
    ballot: created.value.ballot,
    ...(input.token ? { token: input.token } : {}),
  };
  const cast: CastBallot = {
    ...unsigned,
    sig: signJson(ctx.ed, input.voterSecret, CAST_DOMAIN, castPayload(unsigned)),
  };
  return ok({ cast, tracker: castTracker(cast), secrets: created.value.secrets });
}
