/**
 * The ballot box over HTTP on loopback, on SQLite and (when reachable) PostgreSQL: receipts that check,
 * resends, every refusal with its code and nothing stored, the revote policies, audits, the running sum,
 * forwarding to the ledger, and refused forwarding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../src/crypto/encoding/hash.js';
import { checkReceipt } from '../../../src/protocol/cast/receipt.js';
import { DIALECTS, type TestDb } from '../../store/dialects.js';
import {
  auditOf,
  badProofCast,
  CLOSES,
  castBy,
  contextOf,
  decryptSums,
  ed,
  election,
  json,
  OPENS,
  VOTERS,
  vote,
} from './election.js';
import { type BoxHarness, ensureBuilt, startBox, until } from './harness.js';

const [v1, v2, v3, v4, v5, v6] = VOTERS as [
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
  (typeof VOTERS)[0],
];
beforeAll(ensureBuilt, 180_000);

const ONCE = election('once');
const LAST = election('last');
const ctxOnce = contextOf(ONCE);
const ctxLast = contextOf(LAST);

/** Expects a call to fail with this status and code. */
async function refused(p: Promise<unknown>, status: number, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ status, code });
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.up)(`ballot box over HTTP (${dialect.name})`, () => {
    let db: TestDb;
    let h: BoxHarness;
    const counts = async () => {
      const s = await h.client.boxStatus();
      return { casts: s.casts, audits: s.audits };
    };
    beforeAll(async () => {
      db = dialect.make();
      h = await startBox({ loc: db.loc });
    });
    afterAll(async () => {
      await h?.stop();
      await db?.cleanup();
    });

    it('gives a receipt that checks, and the same receipt for a resend', async () => {
      const c = castBy(ctxOnce, v1, vote(2, true));
      const receipt = await h.client.boxCast({ body: json(c.cast) });
      expect(checkReceipt(ed, ONCE, receipt, c.tracker).ok).toBe(true);
      expect(receipt.box).toBe('box-a');
      expect(receipt.received_at).toBe(h.clock.t);
      h.clock.t += 5000;
      expect(await h.client.boxCast({ body: json(c.cast) })).toEqual(receipt);
      expect(await counts()).toEqual({ casts: 1, audits: 0 });
      const record = await h.client.boxRecord({ params: { tracker: c.tracker } });
      expect(record).toMatchObject({ kind: 'cast', receipt, superseded: false });
    });

    it('refuses, with a code and nothing stored: not eligible, wrong box, bad proof, bad signature', async () => {
      const before = await counts();
      const outsider = castBy(ctxOnce, v6, vote(0, true));
      await refused(h.client.boxCast({ body: json(outsider.cast) }), 422, 'NOT_ELIGIBLE');
      const otherBox = castBy(ctxOnce, v5, vote(0, true));
      await refused(h.client.boxCast({ body: json(otherBox.cast) }), 422, 'NOT_ELIGIBLE');
      await refused(
        h.client.boxCast({ body: badProofCast(ctxOnce, v2, vote(1, false)) }),
        422,
        'PROOF_INVALID',
      );
      const good = json(castBy(ctxOnce, v2, vote(1, false)).cast);
      const flipped = `${(good.sig as string)[0] === '0' ? '1' : '0'}${(good.sig as string).slice(1)}`;
      await refused(h.client.boxCast({ body: { ...good, sig: flipped } }), 422, 'SIGNATURE_INVALID');
      const otherElection = json(castBy(ctxLast, v2, vote(1, false)).cast);
      await refused(h.client.boxCast({ body: otherElection }), 422, 'CAST_INVALID');
      await refused(h.client.boxCast({ body: { ...good, extra: 1 } as never }), 400, 'BODY_INVALID');
      expect(await counts()).toEqual(before);
      await refused(h.client.boxRecord({ params: { tracker: outsider.tracker } }), 404, 'NOT_FOUND');
    });

    it('refuses ballots outside the voting window', async () => {
      const c = castBy(ctxOnce, v2, vote(3, true));
      const saved = h.clock.t;
      h.clock.t = OPENS - 1;
      await refused(h.client.boxCast({ body: json(c.cast) }), 422, 'ELECTION_CLOSED');
      h.clock.t = CLOSES;
      await refused(h.client.boxCast({ body: json(c.cast) }), 422, 'ELECTION_CLOSED');
      expect((await h.client.boxStatus()).open).toBe(false);
      h.clock.t = saved;
      await refused(h.client.boxRecord({ params: { tracker: c.tracker } }), 404, 'NOT_FOUND');
    });

    it('refuses a second ballot under "once" and a second version of a ballot id', async () => {
      const first = castBy(ctxOnce, v2, vote(0, false));
      await h.client.boxCast({ body: json(first.cast) });
      const before = await counts();
      const again = castBy(ctxOnce, v2, vote(4, false));
      await refused(h.client.boxCast({ body: json(again.cast) }), 422, 'DOUBLE_VOTE');
      const version = castBy(ctxOnce, v2, vote(4, false), first.cast.ballot_id);
      await refused(h.client.boxCast({ body: json(version.cast) }), 422, 'CAST_INVALID');
      expect(await counts()).toEqual(before);
    });

    it('takes an audit, then refuses to cast the audited ballot; refuses to audit a cast ballot', async () => {
      const spoiled = castBy(ctxOnce, v3, vote(1, true));
      const answer = await h.client.boxAudit({ body: auditOf(ctxOnce, v3, spoiled) });
      expect(answer).toMatchObject({ tracker: spoiled.tracker, plaintext: vote(1, true) });
      expect(await h.client.boxAudit({ body: auditOf(ctxOnce, v3, spoiled) })).toEqual(answer);
      await refused(h.client.boxCast({ body: json(spoiled.cast) }), 422, 'CAST_INVALID');
      const cast = castBy(ctxOnce, v4, vote(3, true));
      await h.client.boxCast({ body: json(cast.cast) });
      await refused(h.client.boxAudit({ body: auditOf(ctxOnce, v4, cast) }), 422, 'AUDIT_INVALID');
      const tampered = { ...auditOf(ctxOnce, v3, castBy(ctxOnce, v3, vote(2, true))) };
      (tampered.secrets as JsonObject).plaintext = vote(1, true) as unknown as JsonObject;
      await refused(h.client.boxAudit({ body: tampered }), 422, 'SIGNATURE_INVALID');
      // v3 may still vote: an audited ballot is not a vote.
      await h.client.boxCast({ body: json(castBy(ctxOnce, v3, vote(4, false)).cast) });
    });

    it('keeps a running sum that decrypts to the accepted votes', async () => {
      const sum = await h.client.boxSum();
      // v1: c/yes, v2: a/no, v4: d/yes, v3: e/no.
      expect(sum.count).toBe(4);
      expect(decryptSums(sum.sum!)).toEqual([
        [1, 0, 1, 1, 1],
        [2, 2],
      ]);
      expect(sum.superseded.count).toBe(0);
    });

    it('forwards every record to the ledger as ballot and audit transactions', async () => {
      await until(async () => (await h.client.boxStatus()).pending_forward === 0);
      const ballots = h.ledger.bodies('ballot') as JsonObject[];
      expect(ballots).toHaveLength(4);
      for (const b of ballots) {
        expect(b.box).toBe('box-a');
        expect(checkReceipt(ed, ONCE, b.receipt, hashJsonHex(b.cast!)).ok).toBe(true);
      }
      expect(h.ledger.bodies('audit')).toHaveLength(1);
      const record = await h.client.boxRecord({ params: { tracker: hashJsonHex(ballots[0]!.cast!) } });
      expect(record.forward_state).toBe('included');
      expect(record.tx_id).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe.skipIf(!dialect.up)(`revote policy "last" (${dialect.name})`, () => {
    let db: TestDb;
    let h: BoxHarness;
    beforeAll(async () => {
      db = dialect.make();
      h = await startBox({ loc: db.loc, revote: 'last' });
    });
    afterAll(async () => {
      await h?.stop();
      await db?.cleanup();
    });

    it('accepts a later ballot, which supersedes the earlier one in the running sum', async () => {
      const first = castBy(ctxLast, v1, vote(0, true));
      const second = castBy(ctxLast, v1, vote(4, false));
      const other = castBy(ctxLast, v2, vote(2, true));
      await h.client.boxCast({ body: json(first.cast) });
      await h.client.boxCast({ body: json(other.cast) });
      await h.client.boxCast({ body: json(second.cast) });
      // A resend of the superseded ballot still gets its receipt; it is not counted again.
      await h.client.boxCast({ body: json(first.cast) });
      const sum = await h.client.boxSum();
      expect(sum.count).toBe(3);
      expect(sum.superseded.count).toBe(1);
      const all = decryptSums(sum.sum!);
      const gone = decryptSums(sum.superseded.sum!);
      const current = all.map((q, i) => q.map((n, j) => n - gone[i]![j]!));
      expect(current).toEqual([
        [0, 0, 1, 0, 1],
        [1, 1],
      ]);
      expect((await h.client.boxRecord({ params: { tracker: first.tracker } })).superseded).toBe(true);
      expect((await h.client.boxRecord({ params: { tracker: second.tracker } })).superseded).toBe(false);
      expect((await h.client.boxStatus()).superseded).toBe(1);
    });
  });
}
