/** Types of the k-of-n key ceremony state (see `threshold-state.ts` for the rules). */

import type { TrusteeAnnouncement } from '../../crypto/threshold/announcement.js';
import type { ThresholdParams } from '../../crypto/threshold/context.js';
import type { SharesBody } from './bodies.js';
import type { RecordError } from './errors.js';

/** Phases of the ceremony, in order; `failed` is final and replaces any of them. */
export type CeremonyPhase = 'announcing' | 'dealing' | 'complaints' | 'done' | 'failed';

/**
 * Optional phase deadlines in ledger time (milliseconds since the epoch, compared with block times): a
 * phase closes at the first record (or at `now`) whose time is at or past its deadline, even if some
 * trustees have not acted. Without deadlines a phase closes only when every trustee expected has acted.
 */
export interface CeremonyDeadlines {
  readonly announce: number;
  readonly deal: number;
  readonly complain: number;
}

/** Ceremony size and schedule. */
export interface CeremonyParams extends ThresholdParams {
  readonly deadlines?: CeremonyDeadlines;
}

/** The judgement of one complaint. */
export interface ComplaintOutcome {
  /** Position of the complaint record in ledger order. */
  readonly record: number;
  readonly id?: string;
  /** Trustee l who complained. */
  readonly complainer: number;
  /** Dealer i complained about. */
  readonly dealer: number;
  /**
   * `justified`: the unmasked share does not match the dealer's commitments (the dealer is disqualified);
   * `unfounded`: the share is correct (held against the complainer, changes nothing);
   * `invalid`: the evidence itself does not check (held against the complainer, changes nothing).
   */
  readonly verdict: 'justified' | 'unfounded' | 'invalid';
  readonly message: string;
}

/** Why a trustee is not in the qualified set. */
export interface Disqualification {
  readonly trustee: number;
  /** `missing-deal`: it announced but never dealt valid shares; `justified-complaint`: a share it sent was wrong. */
  readonly reason: 'missing-deal' | 'justified-complaint';
  /** The trustee whose justified complaint disqualified it. */
  readonly by?: number;
}

/** Everything the ledger says about a k-of-n key ceremony at one point of ledger order. */
export interface CeremonyState<E> {
  readonly params: CeremonyParams;
  readonly phase: CeremonyPhase;
  /** Why the ceremony failed (when `phase` is `failed`). */
  readonly failure?: string;
  /** Trustees with a counted announcement, ascending, and their announcements. */
  readonly announced: readonly number[];
  readonly announcements: ReadonlyMap<number, TrusteeAnnouncement<E>>;
  /** Trustees with a counted dealing, ascending, and their dealings. */
  readonly dealt: readonly number[];
  readonly dealings: ReadonlyMap<number, SharesBody<E>>;
  /** Trustees whose complaint record (possibly empty) counted, ascending. */
  readonly complained: readonly number[];
  /** Every judged complaint, in ledger order. */
  readonly complaints: readonly ComplaintOutcome[];
  /** Disqualified dealers, ascending. */
  readonly disqualified: readonly Disqualification[];
  /** The qualified set Q (final once `phase` is `done`): announced, dealt, not disqualified. */
  readonly qualified: readonly number[];
  /** pk = Π_{i∈Q} C_(i,0), once done. */
  readonly jointPublicKey?: E;
  /** VK_l = g^(x_l) over Q for each l ∈ Q, once done. */
  readonly verificationKeys: ReadonlyMap<number, E>;
  /** Members of Q whose `trustee_ready` confirmation counted, ascending. */
  readonly confirmed: readonly number[];
  /** Records that were not counted, in ledger order. */
  readonly errors: readonly RecordError[];
}
