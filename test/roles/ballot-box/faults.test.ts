/**
 * Fault hooks and forwarding outcomes (SQLite): a box that drops ballots gives receipts but forwards
 * nothing; a box that alters ballots forwards versions whose voter signature fails, which the selection
 * rule rejects while the honest box's version counts; faults need an explicit acknowledgement; the
 * ledger's permanent refusals are recorded, transient ones retried; proofs checked on worker threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../../src/crypto/encoding/hash.js';
import {
  activeFaults,
  type BoxFaults,
  CHEATING_ACKNOWLEDGEMENT,
  cheatingBoxFaults,
} from '../../../src/node/roles/ballot-box/faults.js';
import { checkCast } from '../../../src/protocol/cast/check.js';
import { checkReceipt } from '../../../src/protocol/cast/receipt.js';
import { attestationOf, rejectedAttestation, selectBallots } from '../../../src/protocol/cast/select.js';
import { sqliteDb, type TestDb } from '../../store/dialects.js';
import {
  auditOf,
  BOX_B,
  badProofCast,
  castBy,
  contextOf,
  ed,
  election,
  json,
  VOTERS,
  vote,
} from './election.js';
import { type BoxHarness, type BoxSetup, ensureBuilt, startBox, until } from './harness.js';

const ONCE = election('once');
const ctx = contextOf(ONCE);
const [v1, v2, v3] = VOTERS as [(typeof VOTERS)[0], (typeof VOTERS)[0], (typeof VOTERS)[0]];

const running: { h: BoxHarness; db: TestDb }[] = [];
async function box(s: Omit<BoxSetup, 'loc'> = {}): Promise<BoxHarness> {
  const db = sqliteDb();
  const h = await startBox({ ...s, loc: db.loc });
  running.push({ h, db });
  return h;
}
beforeAll(ensureBuilt, 180_000);
afterAll(async () => {
  for (const { h, db } of running) {
    await h.stop();
    await db.cleanup();
  }
});

describe('fault hooks', () => {
  it('cannot be switched on without the acknowledgement, and a forged value counts as none', () => {
    expect(() => cheatingBoxFaults({ drop: true }, 'yes')).toThrow(/acknowledgement/);
    expect(activeFaults({ drop: true } as unknown as BoxFaults)).toEqual([]);
    expect(activeFaults(cheatingBoxFaults({ drop: true, alter: true }, CHEATING_ACKNOWLEDGEMENT))).toEqual([
      'drop',
      'alter',
    ]);
  });

  it('a dropping box gives receipts and forwards nothing', async () => {
    const h = await box({ faults: cheatingBoxFaults({ drop: true }, CHEATING_ACKNOWLEDGEMENT) });
    const c = castBy(ctx, v1, vote(0, true));
    const receipt = await h.client.boxCast({ body: json(c.cast) });
    expect(checkReceipt(ed, ONCE, receipt, c.tracker).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(h.ledger.txs.size).toBe(0);
    const status = await h.client.boxStatus();
    expect(status).toMatchObject({ casts: 1, pending_forward: 1, faults: ['drop'] });
  });

  it("an altering box's version fails the voter signature and the honest box's version counts", async () => {
    const honest = await box();
    const cheat = await box({
      key: BOX_B,
      faults: cheatingBoxFaults({ alter: true }, CHEATING_ACKNOWLEDGEMENT),
    });
    const c = castBy(ctx, v2, vote(1, false));
    await honest.client.boxCast({ body: json(c.cast) });
    await cheat.client.boxCast({ body: json(c.cast) });
    await until(() => honest.ledger.txs.size === 1 && cheat.ledger.txs.size === 1);
    const [good] = honest.ledger.bodies('ballot') as JsonObject[];
    const [bad] = cheat.ledger.bodies('ballot') as JsonObject[];
    expect(hashJsonHex(good!.cast!)).toBe(c.tracker);
    expect(hashJsonHex(bad!.cast!)).not.toBe(c.tracker);
    // The box signed a receipt for its altered version, but the voter's signature does not cover it.
    expect(checkReceipt(ed, ONCE, bad!.receipt, hashJsonHex(bad!.cast!)).ok).toBe(true);
    const checkedBad = checkCast(ctx, bad!.cast);
    expect(checkedBad.ok ? 'ok' : checkedBad.code).toBe('SIGNATURE_INVALID');
    const checkedGood = checkCast(ctx, good!.cast);
    if (!checkedGood.ok) throw new Error(checkedGood.message);
    const selection = selectBallots(
      [attestationOf('box-a', checkedGood.value), rejectedAttestation('box-b', 'SIGNATURE_INVALID')],
      { revote: 'once', boxes: ['box-a', 'box-b'] },
    );
    expect(selection.counted.map((b) => b.tracker)).toEqual([c.tracker]);
    expect(selection.explanations.map((e) => e.verdict)).toEqual(['counted', 'rejected']);
  });
});

describe('a close on the ledger', () => {
  it('ends voting before closes_at', async () => {
    let closed = false;
    const h = await box({ closedOnLedger: () => closed });
    await h.client.boxCast({ body: json(castBy(ctx, v1, vote(0, true)).cast) });
    closed = true;
    await expect(h.client.boxCast({ body: json(castBy(ctx, v2, vote(0, true)).cast) })).rejects.toMatchObject(
      {
        code: 'ELECTION_CLOSED',
        message: expect.stringContaining('the election was closed on the ledger'),
      },
    );
    expect((await h.client.boxStatus()).open).toBe(false);
  });
});

describe('forwarding outcomes', () => {
  it('records a permanent refusal and retries a transient one until the record is in a block', async () => {
    const h = await box();
    h.ledger.refuse = { ok: false, code: 'CAST_INVALID', message: 'refused for the test' };
    const a = castBy(ctx, v1, vote(2, true));
    await h.client.boxCast({ body: json(a.cast) });
    await until(async () => (await h.client.boxStatus()).refused === 1);
    const refused = await h.client.boxRecord({ params: { tracker: a.tracker } });
    expect(refused).toMatchObject({
      forward_state: 'refused',
      forward_error: 'CAST_INVALID: refused for the test',
    });
    h.ledger.refuse = { ok: false, code: 'MEMPOOL_FULL', message: 'full' };
    const b = castBy(ctx, v2, vote(3, true));
    await h.client.boxCast({ body: json(b.cast) });
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.client.boxRecord({ params: { tracker: b.tracker } })).forward_state).toBe('pending');
    h.ledger.refuse = undefined;
    await until(
      async () => (await h.client.boxRecord({ params: { tracker: b.tracker } })).forward_state === 'included',
    );
  });
});

describe('proofs checked on worker threads', () => {
  it('accepts, refuses and audits like the inline checker', async () => {
    const h = await box({ workers: 2 });
    const c = castBy(ctx, v1, vote(4, true));
    const receipt = await h.client.boxCast({ body: json(c.cast) });
    expect(checkReceipt(ed, ONCE, receipt, c.tracker).ok).toBe(true);
    await expect(h.client.boxCast({ body: badProofCast(ctx, v2, vote(0, true)) })).rejects.toMatchObject({
      status: 422,
      code: 'PROOF_INVALID',
    });
    const spoiled = castBy(ctx, v3, vote(1, true));
    expect((await h.client.boxAudit({ body: auditOf(ctx, v3, spoiled) })).plaintext).toEqual(vote(1, true));
    const many = VOTERS.slice(1, 4).map((v, i) => castBy(ctx, v, vote(i, false)));
    await Promise.all(many.map((m) => h.client.boxCast({ body: json(m.cast) })));
    expect((await h.client.boxSum()).count).toBe(4);
  });
});
