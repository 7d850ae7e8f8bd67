/**
 * The trustee's side of the k-of-n ceremony: from its secrets and the ceremony state, what it must
 * publish next. The trustee process is then a thin loop: read the ledger, compute `ceremonyState`, call
 * {@link trusteeStep}, publish what it says (and wait until that record is on the ledger before asking
 * again), until `done`. Secrets must be stored durably before the announcement is published.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import type { Group } from '../../crypto/group/group.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import { proveSchnorr } from '../../crypto/proofs/schnorr.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import type { Rng } from '../../crypto/rng.js';
import {
  announcementToJson,
  type TrusteeAnnouncement,
  type TrusteeSecrets,
} from '../../crypto/threshold/announcement.js';
import { createShareComplaint, type ShareComplaint } from '../../crypto/threshold/complaint.js';
import { trusteeContext } from '../../crypto/threshold/context.js';
import {
  combineShares,
  dealShares,
  ownShare,
  receiveShare,
} from '../../crypto/threshold/share-encryption.js';
import { complaintBodyToJson, readyBodyToJson, sharesBodyToJson } from './bodies.js';
import { RECORD_TYPES } from './record.js';
import { READY_ROLE } from './threshold-handlers.js';
import type { CeremonyState } from './threshold-types.js';

/** A trustee's round-1 secrets with the announcement made from them. */
export interface TrusteeKeys<E> {
  readonly secrets: TrusteeSecrets;
  readonly announcement: TrusteeAnnouncement<E>;
}

/** What the trustee should do now. */
export type TrusteeStep =
  | { readonly kind: 'publish'; readonly type: string; readonly body: JsonObject }
  | { readonly kind: 'wait'; readonly reason: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'excluded'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

const sameAnnouncement = <E>(G: Group<E>, a: TrusteeAnnouncement<E>, b: TrusteeAnnouncement<E>): boolean =>
  G.eq(a.shareKey, b.shareKey) &&
  a.commitments.length === b.commitments.length &&
  a.commitments.every((C, j) => G.eq(C, b.commitments[j]!));

/** The complaints trustee l must make: one per dealer whose share to l does not match its commitments. */
export function complaintsToMake<E>(
  G: Group<E>,
  ctx: ProofContext,
  state: CeremonyState<E>,
  secrets: TrusteeSecrets,
  rng: Rng,
): ShareComplaint<E>[] {
  const l = secrets.trustee;
  const out: ShareComplaint<E>[] = [];
  for (const i of state.dealt) {
    const share = state.dealings.get(i)!.shares.find((s) => s.to === l);
    if (share === undefined) continue;
    const C = state.announcements.get(i)!.commitments;
    if (!receiveShare(G, ctx, share, secrets.shareKeySecret, C).ok)
      out.push(createShareComplaint(G, ctx, share, secrets.shareKeySecret, rng));
  }
  return out;
}

/**
 * Trustee l's secret share over the final qualified set: x_l = P_l(l) + Σ_{i∈Q, i≠l} s_(i→l), each
 * received share checked against its dealer's commitments, and g^(x_l) = VK_l checked at the end.
 */
export function secretShare<E>(
  G: Group<E>,
  ctx: ProofContext,
  state: CeremonyState<E>,
  secrets: TrusteeSecrets,
): Result<bigint> {
  const l = secrets.trustee;
  const vk = state.verificationKeys.get(l);
  if (state.phase !== 'done' || vk === undefined)
    return fail(
      'PARAMETER_INVALID',
      `trustee ${l} has no share: the ceremony is not done or it is not qualified`,
    );
  const shares = [ownShare(G, secrets)];
  for (const i of state.qualified) {
    if (i === l) continue;
    const share = state.dealings.get(i)!.shares.find((s) => s.to === l)!;
    const s = receiveShare(G, ctx, share, secrets.shareKeySecret, state.announcements.get(i)!.commitments);
    if (!s.ok) return s;
    shares.push(s.value);
  }
  const x = combineShares(G, shares);
  if (!G.eq(G.expG(x), vk)) return fail('SHARE_INVALID', `trustee ${l}'s share does not match VK_${l}`);
  return ok(x);
}

/** What trustee `keys.secrets.trustee` must publish next, given the ceremony state. */
export function trusteeStep<E>(
  G: Group<E>,
  ctx: ProofContext,
  state: CeremonyState<E>,
  keys: TrusteeKeys<E>,
  rng: Rng,
): TrusteeStep {
  const { secrets } = keys;
  const l = secrets.trustee;
  if (state.phase === 'failed') return { kind: 'failed', reason: state.failure ?? 'the ceremony failed' };
  // 1. Announce while announcements are open; the counted announcement must be ours.
  const counted = state.announcements.get(l);
  if (counted === undefined) {
    if (state.phase !== 'announcing')
      return { kind: 'excluded', reason: `trustee ${l} did not announce in time` };
    return {
      kind: 'publish',
      type: RECORD_TYPES.announcement,
      body: announcementToJson(G, keys.announcement),
    };
  }
  if (!sameAnnouncement(G, counted, keys.announcement))
    return {
      kind: 'excluded',
      reason: `the announcement counted for trustee ${l} is not made from these secrets`,
    };
  const dq = state.disqualified.find((d) => d.trustee === l);
  if (dq !== undefined) return { kind: 'excluded', reason: `trustee ${l} is disqualified (${dq.reason})` };
  switch (state.phase) {
    case 'announcing':
      return { kind: 'wait', reason: 'waiting for the other announcements' };
    case 'dealing': {
      if (state.dealings.has(l)) return { kind: 'wait', reason: 'waiting for the other dealers' };
      const anns = state.announced.map((i) => state.announcements.get(i)!);
      const shares = dealShares(G, ctx, secrets, anns, rng);
      return {
        kind: 'publish',
        type: RECORD_TYPES.shares,
        body: sharesBodyToJson(G, { trustee: l, shares }),
      };
    }
    case 'complaints': {
      if (state.complained.includes(l))
        return { kind: 'wait', reason: 'waiting for the other complaint records' };
      const complaints = complaintsToMake(G, ctx, state, secrets, rng);
      return {
        kind: 'publish',
        type: RECORD_TYPES.complaint,
        body: complaintBodyToJson(G, { trustee: l, complaints }),
      };
    }
    case 'done': {
      if (state.confirmed.includes(l)) return { kind: 'done' };
      const x = secretShare(G, ctx, state, secrets);
      if (!x.ok) return { kind: 'failed', reason: x.message };
      const proof = proveSchnorr(G, trusteeContext(ctx, READY_ROLE, l), x.value, rng);
      const body = readyBodyToJson(G, { trustee: l, verificationKey: G.expG(x.value), proof });
      return { kind: 'publish', type: RECORD_TYPES.ready, body };
    }
  }
}
