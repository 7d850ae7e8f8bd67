/**
 * A ballot box's own bookkeeping rule, applied after `checkCast` and eligibility, against the ballots it
 * already holds (or sees on the ledger) for the same voting key. It keeps the box consistent with the
 * ballot-set rule (`select.ts`), so that a receipt is only given for a ballot that can count.
 */
import { fail, ok, type Result } from '../../crypto/result.js';
import type { RevotePolicy } from '../election/definition.js';

/** A ballot the box already knows for this voting key. */
export interface PriorBallot {
  readonly ballot_id: string;
  readonly tracker: string;
  /** True when an audit spoiled it. */
  readonly spoiled?: boolean;
}

/** `new`: store the cast and give a receipt; `repeat`: the same cast again, give back the stored receipt. */
export type BoxDecision = 'new' | 'repeat';

/**
 * Decides on a cast with `ballotId` and `tracker`:
 * - a ballot id that was audited is refused (`CAST_INVALID`);
 * - the same ballot id and tracker is a resend (`repeat`);
 * - the same ballot id with another tracker is refused (`CAST_INVALID`): one ballot id, one version;
 * - under `once`, a new ballot id from a key that already cast a (non-spoiled) ballot is `DOUBLE_VOTE`;
 * - otherwise `new` (under `last` it replaces the earlier ballots).
 */
export function decideCast(
  policy: RevotePolicy,
  prior: readonly PriorBallot[],
  ballotId: string,
  tracker: string,
): Result<BoxDecision> {
  const same = prior.find((p) => p.ballot_id === ballotId);
  if (same?.spoiled) return fail('CAST_INVALID', 'this ballot id was audited and can no longer be cast');
  if (same) {
    if (same.tracker === tracker) return ok('repeat');
    return fail('CAST_INVALID', 'another version of this ballot id was already received');
  }
  if (policy === 'once' && prior.some((p) => !p.spoiled))
    return fail('DOUBLE_VOTE', 'this voting key has already voted (revote policy "once")');
  return ok('new');
}

/**
 * Decides on an audit (Benaloh challenge) of ballot id `ballotId`: refused with `AUDIT_INVALID` when the
 * box already accepted that ballot id for counting — a ballot is either cast or audited, never both.
 */
export function decideAudit(prior: readonly PriorBallot[], ballotId: string): Result<true> {
  const same = prior.find((p) => p.ballot_id === ballotId);
  if (same && !same.spoiled)
    return fail('AUDIT_INVALID', 'this ballot id was already cast; it cannot be audited');
  return ok(true);
}
