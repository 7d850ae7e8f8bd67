/**
 * How each record type changes the k-of-n ceremony state. Every handler first checks the phase, the
 * signer and duplicates, then decodes and checks the body; any problem becomes a {@link RecordError}
 * and leaves the state unchanged.
 */
import type { Group } from '../../crypto/group/group.js';
import type { ProofContext } from '../../crypto/proofs/fiat-shamir.js';
import { verifySchnorr } from '../../crypto/proofs/schnorr.js';
import type { Failure, Result } from '../../crypto/result.js';
import {
  announcementFromJson,
  checkAnnouncement,
  type TrusteeAnnouncement,
} from '../../crypto/threshold/announcement.js';
import { checkShareComplaint } from '../../crypto/threshold/complaint.js';
import { trusteeContext } from '../../crypto/threshold/context.js';
import { complaintBodyFromJson, readyBodyFromJson, type SharesBody, sharesBodyFromJson } from './bodies.js';
import { type RecordError, type RecordErrorCode, recordError } from './errors.js';
import type { LedgerRecord, RecordAt } from './record.js';
import type { CeremonyParams, CeremonyPhase, ComplaintOutcome, Disqualification } from './threshold-types.js';

/** Proof role of the Schnorr proof in `trustee_ready`. */
export const READY_ROLE = 'share-confirmation';

/** Mutable state while records are read in order. */
export interface Acc<E> {
  readonly G: Group<E>;
  readonly ctx: ProofContext;
  readonly params: CeremonyParams;
  phase: CeremonyPhase;
  failure?: string;
  readonly announcements: Map<number, TrusteeAnnouncement<E>>;
  readonly dealings: Map<number, SharesBody<E>>;
  readonly complained: Set<number>;
  readonly complaints: ComplaintOutcome[];
  readonly disqualified: Map<number, Disqualification>;
  qualified: number[];
  jointPublicKey?: E;
  readonly verificationKeys: Map<number, E>;
  readonly confirmed: Set<number>;
  readonly errors: RecordError[];
}

const ORDER: readonly CeremonyPhase[] = ['announcing', 'dealing', 'complaints', 'done'];

/** Records an error and returns false. */
function reject<E>(acc: Acc<E>, at: RecordAt, code: RecordErrorCode, message: string, f?: Failure): false {
  acc.errors.push(recordError(at, code, message, f));
  return false;
}

/**
 * The checks every record goes through: the ceremony is in `phase` (else EARLY or LATE), the body decodes,
 * the signer is the trustee the body names, and that trustee has no counted record of this type yet.
 */
function admit<E, B extends { readonly trustee: number }>(
  acc: Acc<E>,
  r: LedgerRecord,
  at: RecordAt,
  phase: CeremonyPhase,
  decode: (v: unknown) => Result<B>,
  counted: (trustee: number) => boolean,
): B | undefined {
  // 1. Phase: a failed ceremony takes nothing; otherwise compare positions in the phase order.
  const now = acc.phase === 'failed' ? ORDER.length : ORDER.indexOf(acc.phase);
  const want = ORDER.indexOf(phase);
  if (now < want) return void reject(acc, at, 'RECORD_EARLY', `${r.type} is not accepted before ${phase}`);
  if (now > want) return void reject(acc, at, 'RECORD_LATE', `${r.type} is not accepted after ${phase}`);
  // 2. Body.
  const body = decode(r.body);
  if (!body.ok) return void reject(acc, at, 'RECORD_MALFORMED', `${r.type} body`, body);
  // 3. Signer: an authenticated trustee of this ceremony, the one the body names.
  if (r.signer === null || r.signer !== body.value.trustee || body.value.trustee > acc.params.n)
    return void reject(acc, at, 'RECORD_SIGNER', `${r.type} names trustee ${body.value.trustee}`);
  // 4. First counted record per trustee.
  if (counted(body.value.trustee))
    return void reject(acc, at, 'RECORD_DUPLICATE', `trustee ${body.value.trustee} already has a ${r.type}`);
  return body.value;
}

/** `trustee_announcement`: counted when both proofs and the commitment count check. */
export function onAnnouncement<E>(acc: Acc<E>, r: LedgerRecord, at: RecordAt): void {
  const { G, ctx, params } = acc;
  const ann = admit(
    acc,
    r,
    at,
    'announcing',
    (v) => announcementFromJson(G, v),
    (i) => acc.announcements.has(i),
  );
  if (ann === undefined) return;
  const c = checkAnnouncement(G, ctx, params, ann);
  if (!c.ok) return void reject(acc, at, 'ANNOUNCEMENT_INVALID', `announcement of trustee ${ann.trustee}`, c);
  acc.announcements.set(ann.trustee, ann);
}

/** `trustee_shares`: counted when the dealer announced and addresses exactly the other announced trustees. */
export function onShares<E>(acc: Acc<E>, r: LedgerRecord, at: RecordAt): void {
  const body = admit(
    acc,
    r,
    at,
    'dealing',
    (v) => sharesBodyFromJson(acc.G, v),
    (i) => acc.dealings.has(i),
  );
  if (body === undefined) return;
  const i = body.trustee;
  if (!acc.announcements.has(i))
    return void reject(acc, at, 'TRUSTEE_EXCLUDED', `trustee ${i} did not announce, so it cannot deal`);
  const expected = [...acc.announcements.keys()].filter((l) => l !== i).sort((a, b) => a - b);
  const got = body.shares.map((s) => s.to);
  if (got.length !== expected.length || got.some((l, j) => l !== expected[j]))
    return void reject(
      acc,
      at,
      'SHARES_INVALID',
      `trustee ${i} must deal to exactly [${expected.join(', ')}], not [${got.join(', ')}]`,
    );
  acc.dealings.set(i, body);
}

/** `trustee_complaint`: each complaint is judged; a justified one disqualifies its dealer. */
export function onComplaint<E>(acc: Acc<E>, r: LedgerRecord, at: RecordAt): void {
  const { G, ctx } = acc;
  const body = admit(
    acc,
    r,
    at,
    'complaints',
    (v) => complaintBodyFromJson(G, v),
    (l) => acc.complained.has(l),
  );
  if (body === undefined) return;
  const l = body.trustee;
  const recipient = acc.announcements.get(l);
  if (recipient === undefined)
    return void reject(acc, at, 'TRUSTEE_EXCLUDED', `trustee ${l} did not announce, so it received no share`);
  acc.complained.add(l);
  for (const c of body.complaints) {
    const judged = (verdict: ComplaintOutcome['verdict'], message: string): void => {
      acc.complaints.push({
        record: at.index,
        ...(at.id === undefined ? {} : { id: at.id }),
        complainer: l,
        dealer: c.from,
        verdict,
        message,
      });
    };
    // 1. The dealer must have dealt a share to l (dealings address every announced trustee).
    const share = acc.dealings.get(c.from)?.shares.find((s) => s.to === l);
    if (share === undefined) {
      judged('invalid', `trustee ${c.from} dealt no share to trustee ${l}`);
      continue;
    }
    // 2. Chaum–Pedersen evidence, then the unmasked share against the dealer's commitments.
    const dealer = acc.announcements.get(c.from)!;
    const v = checkShareComplaint(G, ctx, c, share, recipient.shareKey, dealer.commitments);
    if (!v.ok) judged('invalid', `${v.code}: ${v.message}`);
    else if (!v.value)
      judged('unfounded', `the share from trustee ${c.from} to ${l} matches its commitments`);
    else {
      judged('justified', `the share from trustee ${c.from} to ${l} does not match its commitments`);
      if (!acc.disqualified.has(c.from))
        acc.disqualified.set(c.from, { trustee: c.from, reason: 'justified-complaint', by: l });
    }
  }
}

/** `trustee_ready`: counted when VK_l is the one computed over Q and the proof of x_l checks. */
export function onReady<E>(acc: Acc<E>, r: LedgerRecord, at: RecordAt): void {
  const { G, ctx } = acc;
  const body = admit(
    acc,
    r,
    at,
    'done',
    (v) => readyBodyFromJson(G, v),
    (l) => acc.confirmed.has(l),
  );
  if (body === undefined) return;
  const l = body.trustee;
  const vk = acc.verificationKeys.get(l);
  if (vk === undefined) return void reject(acc, at, 'TRUSTEE_EXCLUDED', `trustee ${l} is not qualified`);
  if (!G.eq(vk, body.verificationKey))
    return void reject(
      acc,
      at,
      'READY_INVALID',
      `trustee ${l} confirms a verification key other than VK_${l}`,
    );
  const p = verifySchnorr(G, trusteeContext(ctx, READY_ROLE, l), vk, body.proof);
  if (!p.ok) return void reject(acc, at, 'READY_INVALID', `confirmation of trustee ${l}`, p);
  acc.confirmed.add(l);
}

/** Any other record type. */
export function onUnknown<E>(acc: Acc<E>, r: LedgerRecord, at: RecordAt): void {
  reject(acc, at, 'RECORD_TYPE', `${r.type} is not a record of a k-of-n key ceremony`);
}
