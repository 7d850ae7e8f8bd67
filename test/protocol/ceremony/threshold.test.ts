import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { announcementToJson, createAnnouncement } from '../../../src/crypto/threshold/announcement.js';
import { createShareComplaint } from '../../../src/crypto/threshold/complaint.js';
import {
  ceremonyState,
  complaintBodyToJson,
  type LedgerRecord,
  RECORD_TYPES,
  secretShare,
  sharesBodyFromJson,
  sharesBodyToJson,
  trusteeStep,
} from '../../../src/protocol/ceremony/index.js';
import { seededRng } from '../../support/rng.js';
import { badShare, runCeremony } from './helpers.js';

type E = Uint8Array;
let G: Group<E>;
const ctx = { fingerprint: 'cd'.repeat(32) };
const rng = seededRng('ceremony-threshold');

beforeAll(async () => {
  G = await loadFastRistretto();
});

describe('honest ceremonies through records', () => {
  it.each([
    [3, 2],
    [4, 3],
    [1, 1],
  ])('n=%i, k=%i: every trustee qualifies, confirms, and holds x_l with g^x_l = VK_l', (n, k) => {
    const run = runCeremony(G, ctx, { n, k }, rng);
    const s = run.state;
    expect(s.phase).toBe('done');
    expect(s.errors).toEqual([]);
    expect(s.qualified).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(s.confirmed).toEqual(s.qualified);
    expect(s.complaints).toEqual([]);
    // pk = Π C_(i,0) = g^(Σ a_(i,0)), and each x_l is a share of Σ a_(i,0).
    const a0 = run.keys.reduce((acc, key) => (acc + key.secrets.coefficients[0]!) % G.q, 0n);
    expect(G.eq(s.jointPublicKey!, G.expG(a0))).toBe(true);
    for (const key of run.keys) {
      const x = unwrap(secretShare(G, ctx, s, key.secrets));
      expect(G.eq(G.expG(x), s.verificationKeys.get(key.secrets.trustee)!)).toBe(true);
      expect(trusteeStep(G, ctx, s, key, rng)).toEqual({ kind: 'done' });
    }
  });

  it('phases advance one by one and the state is deterministic', () => {
    const run = runCeremony(G, ctx, { n: 3, k: 2 }, rng);
    const phases = [3, 6, 9, 12].map(
      (m) => ceremonyState(G, ctx, { n: 3, k: 2 }, run.records.slice(0, m)).phase,
    );
    expect(phases).toEqual(['dealing', 'complaints', 'done', 'done']);
    expect(ceremonyState(G, ctx, { n: 3, k: 2 }, run.records.slice(0, 2)).phase).toBe('announcing');
    const again = ceremonyState(G, ctx, { n: 3, k: 2 }, run.records);
    expect(again.qualified).toEqual(run.state.qualified);
    expect(G.eq(again.jointPublicKey!, run.state.jointPublicKey!)).toBe(true);
  });
});

describe('complaints', () => {
  it('a bad share draws a justified complaint; the dealer is disqualified and Q still works', () => {
    const run = runCeremony(G, ctx, { n: 4, k: 2 }, rng, { tamper: badShare(G, 3, 1) });
    const s = run.state;
    expect(s.phase).toBe('done');
    expect(s.complaints).toMatchObject([{ complainer: 1, dealer: 3, verdict: 'justified' }]);
    expect(s.disqualified).toEqual([{ trustee: 3, reason: 'justified-complaint', by: 1 }]);
    expect(s.qualified).toEqual([1, 2, 4]);
    expect(s.verificationKeys.has(3)).toBe(false);
    // The key excludes dealer 3's polynomial.
    const a0 = [1, 2, 4].reduce((acc, i) => (acc + run.keys[i - 1]!.secrets.coefficients[0]!) % G.q, 0n);
    expect(G.eq(s.jointPublicKey!, G.expG(a0))).toBe(true);
    expect(trusteeStep(G, ctx, s, run.keys[2]!, rng)).toMatchObject({ kind: 'excluded' });
    for (const l of [1, 2, 4]) unwrap(secretShare(G, ctx, s, run.keys[l - 1]!.secrets));
  });

  it('a false complaint is unfounded and an invalid one is held against the complainer; nothing changes', () => {
    const run = runCeremony(G, ctx, { n: 3, k: 2 }, rng, {
      tamper: (l, type, body) => {
        if (type !== RECORD_TYPES.complaint || l === 3) return body;
        return null; // trustees 1 and 2 post their own complaint records below
      },
    });
    expect(run.state.phase).toBe('complaints');
    const honest = run.state;
    const shareTo = (from: number, to: number) => honest.dealings.get(from)!.shares.find((s) => s.to === to)!;
    const y1 = run.keys[0]!.secrets.shareKeySecret;
    const y2 = run.keys[1]!.secrets.shareKeySecret;
    const unfounded = createShareComplaint(G, ctx, shareTo(2, 1), y1, rng);
    const wrongKey = { ...createShareComplaint(G, ctx, shareTo(1, 2), y2, rng), K: G.g };
    const records: LedgerRecord[] = [
      ...run.records,
      {
        type: 'trustee_complaint',
        body: complaintBodyToJson(G, { trustee: 1, complaints: [unfounded] }),
        signer: 1,
      },
      {
        type: 'trustee_complaint',
        body: complaintBodyToJson(G, { trustee: 2, complaints: [wrongKey] }),
        signer: 2,
      },
    ];
    const s = ceremonyState(G, ctx, { n: 3, k: 2 }, records);
    expect(s.phase).toBe('done');
    expect(s.complaints.map((c) => [c.complainer, c.dealer, c.verdict])).toEqual([
      [1, 2, 'unfounded'],
      [2, 1, 'invalid'],
    ]);
    expect(s.disqualified).toEqual([]);
    expect(s.qualified).toEqual([1, 2, 3]);
  });
});

describe('record rules', () => {
  const params = { n: 3, k: 2 };

  it('duplicates, wrong signers, early and late records are errors that change nothing', () => {
    const run = runCeremony(G, ctx, params, rng);
    const [a1, a2, a3] = run.records;
    const second = createAnnouncement(G, ctx, params, 1, rng).announcement;
    const records: LedgerRecord[] = [
      a1!,
      { ...a1!, body: announcementToJson(G, second) }, // duplicate: the first counts
      { ...a2!, signer: 3 }, // body names 2, signed by 3
      { ...a2!, signer: null }, // author is no trustee
      run.records[3]!, // shares before announcements closed
      a2!,
      a3!,
      ...run.records.slice(3),
      a3!, // announcing is long over
      { type: 'ballot', body: {}, signer: 1 },
      { type: RECORD_TYPES.shares, body: { trustee: 1 }, signer: 1 },
    ];
    const s = ceremonyState(G, ctx, params, records);
    expect(s.phase).toBe('done');
    expect(G.eq(s.announcements.get(1)!.shareKey, run.state.announcements.get(1)!.shareKey)).toBe(true);
    expect(G.eq(s.jointPublicKey!, run.state.jointPublicKey!)).toBe(true);
    expect(s.errors.map((e) => [e.record, e.code, e.trustee])).toEqual([
      [1, 'RECORD_DUPLICATE', 1],
      [2, 'RECORD_SIGNER', 3],
      [3, 'RECORD_SIGNER', null],
      [4, 'RECORD_EARLY', 1],
      [16, 'RECORD_LATE', 3],
      [17, 'RECORD_TYPE', 1],
      [18, 'RECORD_LATE', 1],
    ]);
  });

  it('malformed bodies, bad proofs and wrong recipient lists are named', () => {
    const run = runCeremony(G, ctx, params, rng);
    const ann = run.records[0]!.body as JsonObject;
    const badProof = { ...ann, share_key: (run.records[1]!.body as JsonObject).share_key! };
    const dealing = unwrap(sharesBodyFromJson(G, run.records[3]!.body));
    const short = sharesBodyToJson(G, { ...dealing, shares: dealing.shares.slice(1) });
    const records: LedgerRecord[] = [
      { type: RECORD_TYPES.announcement, body: { ...ann, extra: 1 }, signer: 1 },
      { type: RECORD_TYPES.announcement, body: badProof, signer: 1 },
      ...run.records.slice(0, 3),
      { type: RECORD_TYPES.shares, body: short, signer: dealing.trustee },
    ];
    const s = ceremonyState(G, ctx, params, records);
    expect(s.errors.map((e) => [e.code, e.cause])).toEqual([
      ['RECORD_MALFORMED', 'ENCODING_INVALID'],
      ['ANNOUNCEMENT_INVALID', 'PROOF_INVALID'],
      ['SHARES_INVALID', undefined],
    ]);
    expect(s.phase).toBe('dealing');
    expect(s.dealt).toEqual([]);
  });

  it('fewer than k announcements, dealers or qualified trustees fail the ceremony', () => {
    const deadlines = { announce: 100, deal: 200, complain: 300 };
    const run = runCeremony(G, ctx, { n: 3, k: 3, deadlines }, rng, { offline: [3] });
    expect(run.state.phase).toBe('announcing');
    const late = ceremonyState(G, ctx, { n: 3, k: 3, deadlines }, run.records, 100);
    expect(late.phase).toBe('failed');
    expect(late.failure).toContain('only 2 trustees announced');
    // With k = 2 the two announced trustees go on; a dealer that never deals is disqualified at the deadline.
    const two = runCeremony(G, ctx, { n: 3, k: 2, deadlines }, rng, {
      tamper: (l, type, body) => (type === RECORD_TYPES.shares && l === 1 ? null : body),
    });
    const afterDeal = ceremonyState(G, ctx, { n: 3, k: 2, deadlines }, two.records, 250);
    expect(afterDeal.disqualified).toEqual([{ trustee: 1, reason: 'missing-deal' }]);
    expect(afterDeal.phase).toBe('complaints');
    const three = runCeremony(G, ctx, { n: 3, k: 3, deadlines }, rng, {
      tamper: (l, type, body) => (type === RECORD_TYPES.shares && l === 1 ? null : body),
    });
    const after = ceremonyState(G, ctx, { n: 3, k: 3, deadlines }, three.records, 250);
    expect(after.phase).toBe('failed');
    expect(after.failure).toContain('only 2 trustees dealt');
    // A justified complaint that leaves fewer than k qualified fails it too.
    const bad = runCeremony(G, ctx, { n: 3, k: 3 }, rng, { tamper: badShare(G, 2, 1) });
    expect(bad.state.phase).toBe('failed');
    expect(bad.state.failure).toContain('only 2 trustees qualified');
    expect(trusteeStep(G, ctx, bad.state, bad.keys[0]!, rng)).toMatchObject({ kind: 'failed' });
  });

  it('records at or after a deadline are late; the phase closes without the missing trustee', () => {
    const deadlines = { announce: 1, deal: 2, complain: 3 };
    const run = runCeremony(G, ctx, { n: 3, k: 2 }, rng);
    // Trustee 3's announcement lands at time 1, exactly at the deadline.
    const records = run.records.slice(0, 3).map((r, i) => ({ ...r, time: i === 2 ? 1 : 0 }));
    const s = ceremonyState(G, ctx, { n: 3, k: 2, deadlines }, records);
    expect(s.announced).toEqual([1, 2]);
    expect(s.phase).toBe('dealing');
    expect(s.errors.map((e) => e.code)).toEqual(['RECORD_LATE']);
  });

  it('with deadlines, a trustee offline for the whole ceremony is left out and the others finish', () => {
    const deadlines = { announce: 1, deal: 3, complain: 5 };
    const run = runCeremony(G, ctx, { n: 3, k: 2, deadlines }, rng, { offline: [3] });
    expect(run.state.phase).toBe('done');
    expect(run.state.announced).toEqual([1, 2]);
    expect(run.state.qualified).toEqual([1, 2]);
    expect(run.state.confirmed).toEqual([1, 2]);
    expect(trusteeStep(G, ctx, run.state, run.keys[2]!, rng)).toMatchObject({ kind: 'excluded' });
  });

  it('a trustee whose stored secrets do not match its counted announcement is told so', () => {
    const run = runCeremony(G, ctx, params, rng);
    const other = createAnnouncement(G, ctx, params, 2, rng);
    expect(trusteeStep(G, ctx, run.state, other, rng)).toMatchObject({ kind: 'excluded' });
  });

  it('a confirmation with another key or a bad proof is refused', () => {
    const run = runCeremony(G, ctx, params, rng);
    const ready = run.records.filter((r) => r.type === RECORD_TYPES.ready);
    const before = run.records.filter((r) => r.type !== RECORD_TYPES.ready);
    const b1 = ready[0]!.body as JsonObject;
    const b2 = ready[1]!.body as JsonObject;
    const records: LedgerRecord[] = [
      ...before,
      { ...ready[0]!, body: { ...b1, verification_key: b2.verification_key! } },
      { ...ready[0]!, body: { ...b1, proof: b2.proof! } },
      ...ready,
    ];
    const s = ceremonyState(G, ctx, params, records);
    expect(s.errors.map((e) => [e.code, e.cause])).toEqual([
      ['READY_INVALID', undefined],
      ['READY_INVALID', 'PROOF_INVALID'],
    ]);
    expect(s.confirmed).toEqual([1, 2, 3]);
  });
});
