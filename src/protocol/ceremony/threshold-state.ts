/**
 * The k-of-n key ceremony as a pure state machine over ledger records, shared by every node, the trustee
 * process and the verifier. Rules (docs/ceremony.md):
 * 1. announcing — each trustee posts one `trustee_announcement`. Closes when all n have announced, or at
 *    the announce deadline; fewer than k announcements fail the ceremony.
 * 2. dealing — each announced trustee posts one `trustee_shares` addressing every other announced trustee.
 *    Closes when all announced trustees have dealt, or at the deal deadline; a trustee that has not dealt
 *    is disqualified (`missing-deal`); fewer than k dealers fail the ceremony.
 * 3. complaints — each announced trustee posts one `trustee_complaint` (possibly empty). A justified
 *    complaint disqualifies the dealer; an unfounded or invalid one is held against the complainer and
 *    changes nothing. Closes when every announced, not disqualified trustee has posted, or at the complain
 *    deadline. Q = announced, dealt, not disqualified; |Q| < k fails the ceremony.
 * 4. done — pk = Π_{i∈Q} C_(i,0) and VK_l over Q for l ∈ Q; members of Q may post `trustee_ready`.
 * Per trustee and type the first counted record counts; every other record becomes an error. The result
 * depends only on the records, their order and their times (and `now`).
 */
import type { Group } from '../../crypto/group/group.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import { CryptoUsageError } from '../../crypto/result.js';
import { checkParams } from '../../crypto/threshold/context.js';
import { jointPublicKey, verificationKey } from '../../crypto/threshold/feldman.js';
import { type LedgerRecord, RECORD_TYPES, recordAt } from './record.js';
import { type Acc, onAnnouncement, onComplaint, onReady, onShares, onUnknown } from './threshold-handlers.js';
import type { CeremonyParams, CeremonyState } from './threshold-types.js';

const ascending = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** True when `deadline` is set and `time` is known and at or past it. */
function passed(deadline: number | undefined, time: number | undefined): boolean {
  return deadline !== undefined && time !== undefined && time >= deadline;
}

function failWith<E>(acc: Acc<E>, why: string): void {
  acc.phase = 'failed';
  acc.failure = why;
}

/** Closes every phase that is complete, or whose deadline `time` has reached. */
function advance<E>(acc: Acc<E>, time: number | undefined): void {
  const { params } = acc;
  const dl = params.deadlines;
  if (acc.phase === 'announcing') {
    if (acc.announcements.size < params.n && !passed(dl?.announce, time)) return;
    if (acc.announcements.size < params.k) {
      failWith(acc, `only ${acc.announcements.size} trustees announced, ${params.k} are needed`);
      return;
    }
    acc.phase = 'dealing';
  }
  if (acc.phase === 'dealing') {
    const announced = ascending(acc.announcements.keys());
    if (announced.some((i) => !acc.dealings.has(i)) && !passed(dl?.deal, time)) return;
    for (const i of announced)
      if (!acc.dealings.has(i)) acc.disqualified.set(i, { trustee: i, reason: 'missing-deal' });
    if (acc.dealings.size < params.k) {
      failWith(acc, `only ${acc.dealings.size} trustees dealt, ${params.k} are needed`);
      return;
    }
    acc.phase = 'complaints';
  }
  if (acc.phase === 'complaints') {
    const expected = ascending(acc.announcements.keys()).filter((i) => !acc.disqualified.has(i));
    if (expected.some((l) => !acc.complained.has(l)) && !passed(dl?.complain, time)) return;
    const Q = expected; // announced, dealt (others are disqualified for missing-deal), not disqualified
    if (Q.length < params.k) {
      failWith(acc, `only ${Q.length} trustees qualified, ${params.k} are needed`);
      return;
    }
    const C = Q.map((i) => acc.announcements.get(i)!.commitments);
    acc.qualified = Q;
    acc.jointPublicKey = jointPublicKey(acc.G, C);
    for (const l of Q) acc.verificationKeys.set(l, verificationKey(acc.G, C, l));
    acc.phase = 'done';
  }
}

/** The provisional qualified set before `done`: announced (and, once dealing closed, dealt), not disqualified. */
function provisionalQ<E>(acc: Acc<E>): number[] {
  return ascending(acc.announcements.keys()).filter(
    (i) =>
      !acc.disqualified.has(i) &&
      (acc.phase === 'announcing' || acc.phase === 'dealing' || acc.dealings.has(i)),
  );
}

/**
 * Reads ceremony records in ledger order and returns the ceremony's state.
 *
 * @param ctx election fingerprint (and optional label) binding every ceremony proof
 * @param records ceremony records in ledger order (announcement, shares, complaint, ready)
 * @param now ledger time at which to evaluate deadlines (e.g. the latest block's time); omit to apply
 *   deadlines only through record times
 */
export function ceremonyState<E>(
  G: Group<E>,
  ctx: ProofContext,
  params: CeremonyParams,
  records: readonly LedgerRecord[],
  now?: number,
): CeremonyState<E> {
  if (!checkParams(params).ok) throw new CryptoUsageError('ceremony parameters need 1 ≤ k ≤ n');
  const acc: Acc<E> = {
    G,
    ctx,
    params,
    phase: 'announcing',
    announcements: new Map(),
    dealings: new Map(),
    complained: new Set(),
    complaints: [],
    disqualified: new Map(),
    qualified: [],
    verificationKeys: new Map(),
    confirmed: new Set(),
    errors: [],
  };
  records.forEach((r, index) => {
    advance(acc, r.time);
    const at = recordAt(r, index);
    if (r.type === RECORD_TYPES.announcement) onAnnouncement(acc, r, at);
    else if (r.type === RECORD_TYPES.shares) onShares(acc, r, at);
    else if (r.type === RECORD_TYPES.complaint) onComplaint(acc, r, at);
    else if (r.type === RECORD_TYPES.ready) onReady(acc, r, at);
    else onUnknown(acc, r, at);
    advance(acc, r.time);
  });
  advance(acc, now);
  return {
    params,
    phase: acc.phase,
    ...(acc.failure === undefined ? {} : { failure: acc.failure }),
    announced: ascending(acc.announcements.keys()),
    announcements: acc.announcements,
    dealt: ascending(acc.dealings.keys()),
    dealings: acc.dealings,
    complained: ascending(acc.complained),
    complaints: acc.complaints,
    disqualified: ascending(acc.disqualified.keys()).map((i) => acc.disqualified.get(i)!),
    qualified: acc.phase === 'done' ? acc.qualified : acc.phase === 'failed' ? [] : provisionalQ(acc),
    ...(acc.jointPublicKey === undefined ? {} : { jointPublicKey: acc.jointPublicKey }),
    verificationKeys: acc.verificationKeys,
    confirmed: ascending(acc.confirmed),
    errors: acc.errors,
  };
}
