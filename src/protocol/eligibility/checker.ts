/**
 * The common interface of eligibility modes. Each mode folds its own ledger records (e.g. `voter_keys`,
 * `token_issued`, later `sharedballot_block`) into a state, and answers, for a cast ballot, whether its
 * voting key may vote and through which ballot boxes. States are immutable: `apply` returns a new one,
 * so ledger forks can share them.
 */
import { type Check, fail, OK, type Result } from '../../crypto/result.js';
import type { EligibilityMode } from '../election/definition.js';
import type { VotingToken } from './token.js';

/** The part of a cast ballot eligibility looks at. */
export interface EligibilityClaim {
  /** Election fingerprint. */
  readonly election: string;
  /** The Ed25519 voting key (hex). */
  readonly voter_key: string;
  readonly token?: VotingToken;
}

/** A positive answer: the ids of the ballot boxes this key may vote through. */
export interface Eligible {
  readonly boxes: readonly string[];
}

/** One eligibility mode. `S` is its ledger-derived state. */
export interface EligibilityChecker<S> {
  readonly mode: EligibilityMode;
  /** Ledger transaction types this mode reads (each with a record of its own). */
  readonly recordTypes: readonly string[];
  /** The state before any record. */
  initial(): S;
  /** The state after one record of type `type` (`ELIGIBILITY_INVALID`, `SIGNATURE_INVALID`, …). Pure. */
  apply(state: S, type: string, record: unknown): Result<S>;
  /** Is the claim's voting key eligible, and for which boxes (`NOT_ELIGIBLE`, `TOKEN_INVALID`, …)? */
  check(state: S, claim: EligibilityClaim): Promise<Result<Eligible>>;
}

/** Checks that box `boxId` is among the boxes of an eligible key (`NOT_ELIGIBLE` otherwise). */
export function checkAssignedBox(eligible: Eligible, boxId: string): Check {
  return eligible.boxes.includes(boxId)
    ? OK
    : fail('NOT_ELIGIBLE', `this voting key is not assigned to ballot box "${boxId}"`);
}
