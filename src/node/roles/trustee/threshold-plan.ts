/**
 * The ElGamal k-of-n trustee: its round-1 secrets are created once (and stored before anything is
 * published); each ceremony step is `trusteeStep` over the ledger's ceremony state; after the ceremony
 * its share x_l is derived once and stored; after close its partial decryption is
 * `partialDecryptionBody` over the ledger's tally.
 */
import { ciphertextFromJson } from '../../../crypto/elgamal.js';
import type { JsonObject } from '../../../crypto/encoding/canonical-json.js';
import type { Group } from '../../../crypto/group/group.js';
import { fail, ok, type Result } from '../../../crypto/result.js';
import type { Rng } from '../../../crypto/rng.js';
import {
  announcementFromJson,
  announcementToJson,
  createAnnouncement,
} from '../../../crypto/threshold/announcement.js';
import { commitPolynomial } from '../../../crypto/threshold/feldman.js';
import {
  type CeremonyState,
  ceremonyState,
  partialDecryptionBody,
  RECORD_TYPES,
  secretShare,
  type TrusteeKeys,
  tallyDecryptionState,
  thresholdDecryptionKeys,
  trusteeStep,
} from '../../../protocol/ceremony/index.js';
import {
  checkTallyShare,
  shareTally,
  tallyShareFromJson,
  tallyShareToJson,
} from '../../../protocol/decrypt-elgamal.js';
import { corruptTallyShare, type TrusteeFaults } from './faults.js';
import { dropInvalid, idle, type Plan, publish } from './plan.js';
import type { StoredThreshold } from './secrets-codec.js';
import { decodeTally } from './tally.js';
import type { ElectionView } from './view.js';

/** Trustee l's fresh round-1 secrets and announcement for the election (to store before publishing). */
export function initThreshold(G: Group<unknown>, view: ElectionView, l: number, rng: Rng): StoredThreshold {
  const { n, k } = view.trustees;
  const { secrets, announcement } = createAnnouncement(G, view.ctx, { n, k }, l, rng);
  return {
    kind: 'threshold',
    election: view.id,
    fingerprint: view.fingerprint,
    trustee: l,
    secrets,
    announcement: announcementToJson(G, announcement),
    published: {},
  };
}

/** The stored secrets as ceremony keys, checked: scalars in [0, q) and the announcement made from them. */
export function thresholdKeys(G: Group<unknown>, s: StoredThreshold): Result<TrusteeKeys<unknown>> {
  const { shareKeySecret: y, coefficients } = s.secrets;
  if (y >= G.q || coefficients.some((a) => a >= G.q) || (s.share !== undefined && s.share >= G.q))
    return fail('KEY_INVALID', `the stored secrets are not scalars of ${G.name}`);
  const ann = announcementFromJson(G, s.announcement);
  if (!ann.ok) return ann;
  // The stored announcement must be the one these secrets make: X = g^y, C_j = g^(a_j).
  const C = commitPolynomial(G, coefficients);
  const same =
    ann.value.trustee === s.trustee &&
    G.eq(ann.value.shareKey, G.expG(y)) &&
    ann.value.commitments.length === C.length &&
    C.every((c, j) => G.eq(c, ann.value.commitments[j]!));
  if (!same) return fail('KEY_INVALID', 'the stored announcement is not made from the stored secrets');
  return ok({ secrets: s.secrets, announcement: ann.value });
}

/** The ledger's k-of-n ceremony state for the election. */
export function thresholdState(G: Group<unknown>, view: ElectionView): CeremonyState<unknown> {
  const { n, k } = view.trustees;
  const d = view.deadline;
  const params = d === undefined ? { n, k } : { n, k, deadlines: { announce: d, deal: d, complain: d } };
  return ceremonyState(G, view.ctx, params, view.ceremony, view.now);
}

/** The stored record with x_l once the ceremony is done and l is qualified (unchanged otherwise). */
function withShare(G: Group<unknown>, view: ElectionView, state: CeremonyState<unknown>, s: StoredThreshold) {
  if (s.share !== undefined || state.phase !== 'done' || !state.qualified.includes(s.trustee)) return ok(s);
  const x = secretShare(G, view.ctx, state, s.secrets);
  return x.ok ? ok({ ...s, share: x.value }) : x;
}

/** The next ceremony record of the trustee, if any. */
export function planThresholdCeremony(
  G: Group<unknown>,
  view: ElectionView,
  stored: StoredThreshold,
  rng: Rng,
): Plan {
  const keys = thresholdKeys(G, stored);
  if (!keys.ok) return idle('failed', keys.message);
  const state = thresholdState(G, view);
  const s = withShare(G, view, state, stored);
  if (!s.ok) return idle('failed', s.message);
  const step = trusteeStep(G, view.ctx, state, keys.value, rng);
  const changed = s.value === stored ? undefined : s.value;
  switch (step.kind) {
    case 'publish':
      return publish(s.value, step.type, () => step.body);
    case 'done':
      return idle('done', 'the ceremony is done and this trustee confirmed its share', changed);
    default:
      return idle(step.kind, step.reason, changed);
  }
}

/** The trustee's partial decryption of the closed election's tally, if it is still needed. */
export function planThresholdDecryption(
  G: Group<unknown>,
  view: ElectionView,
  stored: StoredThreshold,
  rng: Rng,
  faults: TrusteeFaults = {},
): Plan {
  const l = stored.trustee;
  if (view.tally === undefined) return idle('wait', 'the election has not closed yet');
  const state = thresholdState(G, view);
  if (state.phase === 'failed') return idle('failed', state.failure ?? 'the key ceremony failed');
  const keys = thresholdDecryptionKeys(state);
  if (!keys.ok) return idle('wait', `the key ceremony is ${state.phase}`);
  if (!keys.value.verificationKeys.has(l))
    return idle('excluded', `trustee ${l} is not in the qualified set`);
  const tally = decodeTally((v) => ciphertextFromJson(G, v), view.tally.json);
  if (!tally.ok) return idle('failed', `the ledger's tally does not decode: ${tally.message}`);
  // What the ledger already says about the decryption.
  const opts = { ballots: view.tally.ballots };
  const dec = tallyDecryptionState(G, view.fingerprint, tally.value, keys.value, view.decryption, opts);
  if (dec.accepted.includes(l)) return idle('done', `trustee ${l}'s partial decryption is accepted`);
  if (dec.excluded.includes(l)) {
    const why = dec.errors.find((e) => e.trustee === l)?.message ?? 'a wrong partial decryption';
    return idle('excluded', `trustee ${l} is excluded: ${why}`);
  }
  if (dec.counts !== undefined)
    return idle('done', `the tally is already decrypted by trustees ${dec.used.join(', ')}`);
  // x_l (stored once derived), then the body; a faulty trustee spoils the first partial.
  const s = withShare(G, view, state, stored);
  if (!s.ok) return idle('failed', s.message);
  const x = s.value.share;
  if (x === undefined) return idle('failed', `trustee ${l} has no share`);
  // A kept body whose proofs fail (from a run with the wrong-partial fault) is made again without it.
  const vk = keys.value.verificationKeys.get(l)!;
  const checks = (body: JsonObject): boolean => {
    const share = tallyShareFromJson(G, body);
    return share.ok && checkTallyShare(G, view.fingerprint, tally.value, vk, share.value).ok;
  };
  const base = dropInvalid(s.value, RECORD_TYPES.partialDecryption, checks, faults.wrongPartial);
  return publish(base, RECORD_TYPES.partialDecryption, () =>
    faults.wrongPartial
      ? tallyShareToJson(G, corruptTallyShare(G, shareTally(G, view.fingerprint, tally.value, l, x, rng)))
      : partialDecryptionBody(G, view.fingerprint, tally.value, l, x, rng),
  );
}
