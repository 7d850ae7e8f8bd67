/**
 * Ballot-box, tally and verifier side: the full stateless check of a cast ballot. Eligibility (is the
 * voting key registered, is the token valid, is this box assigned) is the `EligibilityChecker`'s job and
 * the revote policy is `selectBallots`'.
 */
import { fail, ok, type Result, within } from '../../crypto/result.js';
import { verifyJson } from '../../crypto/sig/signed-json.js';
import { checkBallot, type EncryptedSelections } from '../ballot.js';
import { ballotBinding } from './binding.js';
import { CAST_DOMAIN, type CastBallot, castPayload, castTracker, readCast } from './cast.js';
import type { CastContext } from './context.js';

/** A cast that passed every stateless check, with its tracker and decoded ciphertexts. */
export interface CheckedCast<C> {
  readonly cast: CastBallot;
  readonly tracker: string;
  readonly ciphertexts: EncryptedSelections<C>;
}

/**
 * Checks, in order: the envelope's shape (`CAST_INVALID`, `TOKEN_INVALID`); that it is for this election
 * (`CAST_INVALID`); that a token is present exactly when the election uses blind tokens (`CAST_INVALID`);
 * the voter's signature (`KEY_INVALID`, `SIGNATURE_INVALID`); the ballot's shape, ciphertexts and every
 * proof bound to (voter_key, ballot_id) (`BALLOT_INVALID`, `CIPHERTEXT_INVALID`, `ELEMENT_INVALID`,
 * `PROOF_INVALID`, …). Never throws.
 */
export function checkCast<C>(ctx: CastContext<C>, v: unknown): Result<CheckedCast<C>> {
  // 1. Envelope shape.
  const read = readCast(v);
  if (!read.ok) return read;
  const cast = read.value;
  // 2. The right election.
  if (cast.election !== ctx.fingerprint)
    return fail('CAST_INVALID', 'cast.election is not the fingerprint of this election');
  // 3. A token exactly when the election's eligibility mode uses tokens.
  const wantsToken = ctx.election.eligibility.mode === 'blind-tokens';
  if (wantsToken !== (cast.token !== undefined))
    return fail(
      'CAST_INVALID',
      wantsToken ? 'cast.token is required in this election' : 'cast.token is not used in this election',
    );
  // 4. The voter's signature over everything but itself.
  const sig = verifyJson(ctx.ed, cast.voter_key, CAST_DOMAIN, castPayload(cast), cast.sig);
  if (!sig.ok) return within('cast', sig);
  // 5. The ballot: every ciphertext valid, every proof bound to this voting key and ballot id.
  const cts = checkBallot(ctx.ballot, cast.ballot, ballotBinding(cast.voter_key, cast.ballot_id));
  if (!cts.ok) return within('cast.ballot', cts);
  return ok({ cast, tracker: castTracker(cast), ciphertexts: cts.value });
}
