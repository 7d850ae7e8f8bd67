import { afterEach, describe, expect, it } from 'vitest';
import { approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { Validator } from '../../src/ledger/authority/validator.js';
import type { LedgerStore, SigningRecord } from '../../src/ledger/store.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { ALICE, BOB, child, ed, GENESIS_ID, openLedger, T0, tx, V } from '../ledger/helpers.js';
import { DIALECTS, type TestDb } from './dialects.js';

const root = { id: GENESIS_ID, height: 0 };
const h = (c: string) => c.repeat(64);

function rec(
  validator: string,
  height: number,
  block_id: string,
  verdict: 'approve' | 'reject',
): SigningRecord {
  return { validator, height, block_id, verdict, json: JSON.stringify({ block_id, verdict }) };
}

for (const d of DIALECTS) {
  describe.skipIf(!d.up)(`store on ${d.name}`, () => {
    const open: { db: TestDb; stores: LedgerStore[] }[] = [];
    async function fresh(): Promise<{ db: TestDb; store: KyselyStore; reopen: () => Promise<KyselyStore> }> {
      const db = d.make();
      const entry = { db, stores: [] as LedgerStore[] };
      open.push(entry);
      const reopen = async () => {
        const s = await db.open();
        entry.stores.push(s);
        return s;
      };
      return { db, store: await reopen(), reopen };
    }
    afterEach(async () => {
      for (const e of open.splice(0)) {
        for (const s of e.stores) await s.close().catch(() => undefined);
        await e.db.cleanup();
      }
    });

    it('writes batches in one transaction, skipping what is known, and keeps them after reopening', async () => {
      const { store, reopen } = await fresh();
      const blocks = Array.from({ length: 1200 }, (_, i) => ({
        id: (i + 1).toString(16).padStart(64, '0'),
        height: i + 1,
        parent_id: i.toString(16).padStart(64, '0'),
        json: `{"b":${i}}`,
        txs: [{ id: h('7'), type: 'note', author: h('a'), index: 0 }],
      }));
      const approvals = blocks.slice(0, 700).map((b) => ({
        block_id: b.id,
        height: b.height,
        validator: h('c'),
        verdict: 'approve' as const,
        json: '{}',
      }));
      const pending = Array.from({ length: 600 }, (_, i) => ({
        id: i.toString(16).padStart(64, 'p'),
        json: `{"t":${i}}`,
      }));
      await store.writeBatch({ blocks: blocks.slice(0, 10) });
      // known blocks and a block listed twice are written once
      await store.writeBatch({ blocks: [...blocks, blocks[5]!], approvals, pending });
      await store.writeBatch({ approvals: approvals.slice(0, 3), pending: pending.slice(0, 3) });
      await store.writeBatch({ removePending: pending.slice(0, 550).map((p) => p.id) });
      const again = await reopen();
      const all = await again.allBlocks();
      expect(all.map((b) => b.id)).toEqual(blocks.map((b) => b.id));
      expect(all.every((b) => b.txs.length === 1)).toBe(true);
      expect((await again.allApprovals()).length).toBe(700);
      expect((await again.allPending()).map((p) => p.id)).toEqual(pending.slice(550).map((p) => p.id));
    });

    it('migrates idempotently and stores blocks with their transactions in order', async () => {
      const { store, reopen } = await fresh();
      const txs = [
        { id: h('1'), type: 'vote', author: h('a'), index: 0 },
        { id: h('2'), type: 'note', author: h('b'), index: 1 },
      ];
      await store.putBlock({ id: h('e'), height: 0, parent_id: '', json: '{"g":1}', txs: [] });
      await store.putBlock({ id: h('f'), height: 1, parent_id: h('e'), json: '{"b":1}', txs });
      await store.putBlock({ id: h('f'), height: 1, parent_id: h('e'), json: '{"b":1}', txs }); // idempotent
      await store.putBlock({ id: h('c'), height: 1, parent_id: h('e'), json: '{"c":1}', txs: [txs[0]!] });
      const again = await reopen();
      const all = await again.allBlocks();
      expect(all.map((b) => b.id)).toEqual([h('e'), h('f'), h('c')]);
      expect(all[1]!.txs).toEqual(txs);
      expect((await again.getBlock(h('f')))?.json).toBe('{"b":1}');
      expect(await again.getBlock(h('0'))).toBeUndefined();
      // Explorer indexes.
      expect((await again.blocksAtHeight(1)).map((b) => b.id)).toEqual([h('f'), h('c')]);
      expect((await again.findTx(h('1'))).map((x) => x.block_id).sort()).toEqual([h('c'), h('f')].sort());
      expect((await again.txsBy({ type: 'note' })).map((x) => x.id)).toEqual([h('2')]);
      expect((await again.txsBy({ author: h('a') })).length).toBe(2);
    });

    it('keeps one verdict per validator and block, pending transactions, peers and metadata', async () => {
      const { store } = await fresh();
      const a = { block_id: h('f'), height: 1, validator: h('a'), verdict: 'approve' as const, json: '{}' };
      expect(await store.putApproval(a)).toBe(true);
      expect(await store.putApproval({ ...a, verdict: 'reject' })).toBe(false);
      expect(await store.putApproval({ ...a, validator: h('b') })).toBe(true);
      expect((await store.approvalsOf(h('f'))).map((x) => x.validator)).toEqual([h('a'), h('b')]);
      expect((await store.allApprovals()).length).toBe(2);

      await store.putPending({ id: h('2'), json: '{"x":2}' });
      await store.putPending({ id: h('1'), json: '{"x":1}' });
      await store.putPending({ id: h('2'), json: '{"x":2}' });
      expect((await store.allPending()).map((p) => p.id)).toEqual([h('2'), h('1')]);
      await store.removePending([h('2')]);
      expect((await store.allPending()).map((p) => p.id)).toEqual([h('1')]);

      await store.upsertPeer({ url: 'http://a', score: 1, last_seen: null });
      await store.upsertPeer({ url: 'http://b', score: 5, last_seen: T0 });
      await store.upsertPeer({ url: 'http://a', score: 9, last_seen: T0 + 1 });
      expect(await store.peers()).toEqual([
        { url: 'http://a', score: 9, last_seen: T0 + 1 },
        { url: 'http://b', score: 5, last_seen: T0 },
      ]);
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
      expect(await store.getMeta('missing')).toBeUndefined();
    });

    it('records signatures: one approval per validator and height, enforced by the database', async () => {
      const { store } = await fresh();
      expect(await store.recordSigning(rec(h('a'), 3, h('1'), 'approve'))).toEqual({ kind: 'recorded' });
      const same = await store.recordSigning(rec(h('a'), 3, h('1'), 'reject'));
      expect(same.kind === 'existing' && same.record.verdict).toBe('approve');
      const other = await store.recordSigning(rec(h('a'), 3, h('2'), 'approve'));
      expect(other.kind === 'conflict' && other.record.block_id).toBe(h('1'));
      expect(await store.recordSigning(rec(h('a'), 3, h('3'), 'reject'))).toEqual({ kind: 'recorded' });
      expect(await store.recordSigning(rec(h('b'), 3, h('2'), 'approve'))).toEqual({ kind: 'recorded' });
      expect((await store.signingsAt(h('a'), 3)).length).toBe(2);
      // Bypassing the check, the unique index still refuses a second approval at the height.
      await expect(
        store.db
          .insertInto('signing_record')
          .values(rec(h('a'), 3, h('4'), 'approve'))
          .execute(),
      ).rejects.toThrow();
    });

    it('serves an authority ledger and keeps what it acknowledged across a restart', async () => {
      const { store, reopen } = await fresh();
      const l = await openLedger(store);
      const b1 = child(root, [tx(ALICE, 'vote', 1), tx(BOB, 'note', { text: 'é ☃ 😀' })]);
      const b2 = child({ id: b1.id, height: 1 });
      expect((await l.addBlock(b1.json)).ok).toBe(true);
      expect((await l.addBlock(b2.json)).ok).toBe(true);
      const val = new Validator(l, { ed, secretKey: V[0]!.sk, store, mode: 'auto' });
      expect((await val.review(b1.json)).ok).toBe(true);
      await l.addApproval(
        approvalJson(
          signApproval(ed, V[1]!.sk, { block_id: b1.id, height: 1, validator: V[1]!.pk, verdict: 'approve' }),
        ),
      );
      expect(l.lastFinal().id).toBe(b1.id);
      const r2 = await val.review(b2.json); // b2's parent is final now: approved
      expect(r2.ok && r2.value.kind).toBe('signed');
      await store.close();

      const s2 = await reopen();
      const l2 = await openLedger(s2);
      expect(l2.head().id).toBe(b2.id);
      expect(l2.lastFinal().id).toBe(b1.id);
      // The validator's record survived: it refuses to approve a sibling of b2 at height 2 ...
      const sibling = child({ id: b1.id, height: 1 }, [], T0 + 5555);
      const val2 = new Validator(l2, { ed, secretKey: V[0]!.sk, store: s2, mode: 'auto' });
      const r = await val2.review(sibling.json);
      expect(r.ok ? 'ok' : r.code).toBe('APPROVAL_CONFLICT');
      // ... and rejects a block that conflicts with the final one.
      const stale = await val2.review(child(root, [], T0 + 1234).json);
      expect(stale.ok && stale.value.kind === 'signed' && stale.value.approval.reason).toMatch(
        /^BLOCK_CONFLICTS_FINAL/,
      );
    });
  });
}
