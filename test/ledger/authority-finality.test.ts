import { describe, expect, it } from 'vitest';
import { type Approval, approvalJson, signApproval } from '../../src/ledger/authority/approval.js';
import { blockStatus, meetsQuorum } from '../../src/ledger/authority/finality.js';
import type { TreeNode } from '../../src/ledger/authority/tree.js';
import { Validator } from '../../src/ledger/authority/validator.js';
import { blockId, blockJson } from '../../src/ledger/block.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import {
  ALICE,
  BOB,
  child,
  ed,
  GENESIS_ID,
  genesisBlock,
  keyPair,
  mineBad,
  openLedger,
  T0,
  tx,
  V,
} from './helpers.js';

const root = { id: GENESIS_ID, height: 0 };

function approve(
  v: { sk: Uint8Array; pk: string },
  b: { id: string },
  height = 1,
  verdict: 'approve' | 'reject' = 'approve',
): Approval {
  return signApproval(ed, v.sk, { block_id: b.id, height, validator: v.pk, verdict });
}

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'ok' : r.code!;
}

describe('finality rule', () => {
  it('needs the quorum and more approvals than rejections', () => {
    expect(meetsQuorum({ approve: 2, reject: 0 }, 2)).toBe(true);
    expect(meetsQuorum({ approve: 1, reject: 0 }, 2)).toBe(false);
    expect(meetsQuorum({ approve: 3, reject: 3 }, 3)).toBe(false); // tie
    expect(meetsQuorum({ approve: 3, reject: 2 }, 3)).toBe(true);
    expect(blockStatus({ approve: 2, reject: 0 }, 2, false)).toBe('pending'); // parent not final
    expect(blockStatus({ approve: 0, reject: 2 }, 2, true)).toBe('rejected');
    expect(blockStatus({ approve: 1, reject: 1 }, 2, true)).toBe('pending');
  });
});

describe('approvals in the ledger', () => {
  it('makes a block final at exactly the quorum', async () => {
    const l = await openLedger();
    const b = child(root, [tx(ALICE, 'vote', 1)]);
    await l.addBlock(b.json);
    const r1 = await l.addApproval(approvalJson(approve(V[0]!, b)));
    expect(r1.ok && r1.value.madeFinal).toBe(false);
    expect(l.get(b.id)!.status).toBe('pending');
    const r2 = await l.addApproval(approvalJson(approve(V[1]!, b)));
    expect(r2.ok && r2.value.madeFinal).toBe(true);
    expect(l.lastFinal().id).toBe(b.id);
    // A late rejection does not revert finality.
    expect((await l.addApproval(approvalJson(approve(V[2]!, b, 1, 'reject')))).ok).toBe(true);
    expect(l.get(b.id)!.status).toBe('final');
  });

  it('refuses approvals by non-validators, bad signatures, wrong heights and conflicts', async () => {
    const l = await openLedger();
    const b = child(root);
    const c = child(root, [], T0 + 2000);
    await l.addBlock(b.json);
    await l.addBlock(c.json);
    expect(code(await l.addApproval(approvalJson(approve(keyPair('mallory'), b))))).toBe(
      'APPROVAL_NOT_VALIDATOR',
    );
    const forged = { ...approvalJson(approve(V[0]!, b)), verdict: 'reject' };
    expect(code(await l.addApproval(forged))).toBe('SIGNATURE_INVALID');
    expect(code(await l.addApproval(approvalJson(approve(V[0]!, b, 2))))).toBe('APPROVAL_INVALID');
    expect(code(await l.addApproval({ ...approvalJson(approve(V[0]!, b)), extra: 1 }))).toBe(
      'APPROVAL_INVALID',
    );
    expect(code(await l.addApproval(approvalJson(approve(V[0]!, b))))).toBe('ok');
    // Duplicate approval by one validator counts once.
    const dup = await l.addApproval(approvalJson(approve(V[0]!, b)));
    expect(dup.ok && dup.value.status).toBe('known');
    expect(l.get(b.id)!.status).toBe('pending');
    // The same validator cannot reject what it approved, nor approve a sibling at the same height.
    expect(code(await l.addApproval(approvalJson(approve(V[0]!, b, 1, 'reject'))))).toBe('APPROVAL_CONFLICT');
    expect(code(await l.addApproval(approvalJson(approve(V[0]!, c))))).toBe('APPROVAL_CONFLICT');
  });

  it('tells descendants of the last final block from blocks of a branch that lost, as finality moves', async () => {
    const l = await openLedger();
    const a = child(root, [], T0 + 1000);
    const b = child(root, [], T0 + 1001);
    const a2 = child({ id: a.id, height: 1 }, [], T0 + 2000);
    const b2 = child({ id: b.id, height: 1 }, [], T0 + 2001);
    for (const x of [a, b, a2, b2]) expect((await l.addBlock(x.json)).ok).toBe(true);
    const descends = (x: { id: string }) => l.tree.descendsFromFinal(l.get(x.id)!);
    // Both branches descend from the genesis (and are remembered as such) ...
    expect([a, b, a2, b2].map(descends)).toEqual([true, true, true, true]);
    // ... until b is final: a's branch no longer descends from the last final block.
    for (const v of V.slice(0, 2)) await l.addApproval(approvalJson(approve(v, b)));
    expect(l.lastFinal().id).toBe(b.id);
    expect([a, b, a2, b2].map(descends)).toEqual([false, true, false, true]);
    expect(code(await l.addBlock(child({ id: a2.id, height: 2 }, [], T0 + 3000).json))).toBe(
      'BLOCK_CONFLICTS_FINAL',
    );
  });

  it('finds ancestors by height through the final chain as a walk would, on every branch', async () => {
    const l = await openLedger();
    // a ← a2: a branch that lost; b ← b2 final, then b3 ← b4 pending above them.
    const a = child(root, [], T0 + 1000);
    const a2 = child({ id: a.id, height: 1 }, [], T0 + 2000);
    const b = child(root, [], T0 + 1001);
    const b2 = child({ id: b.id, height: 1 }, [], T0 + 2001);
    const b3 = child({ id: b2.id, height: 2 }, [], T0 + 3001);
    const b4 = child({ id: b3.id, height: 3 }, [], T0 + 4001);
    for (const x of [a, a2, b, b2, b3, b4]) expect((await l.addBlock(x.json)).ok).toBe(true);
    const walk = (n: TreeNode<unknown> | undefined, h: number) => {
      while (n && n.height > h) n = n.parent;
      return n && n.height === h ? n : undefined;
    };
    const agree = () => {
      for (const n of l.tree.nodes.values())
        for (let h = -1; h <= 5; h++) expect(l.tree.ancestorAt(n, h)).toBe(walk(n, h));
    };
    agree();
    for (const [x, height] of [
      [b, 1],
      [b2, 2],
    ] as const)
      for (const v of V.slice(0, 2)) await l.addApproval(approvalJson(approve(v, x, height)));
    expect(l.lastFinal().id).toBe(b2.id);
    expect(l.tree.ancestorAt(l.get(b4.id)!, 1)!.id).toBe(b.id);
    expect(l.tree.ancestorAt(l.get(a2.id)!, 1)!.id).toBe(a.id);
    agree();
  });

  it('keeps approvals of unknown blocks until the block arrives', async () => {
    const l = await openLedger();
    const b = child(root);
    for (const v of V.slice(0, 2)) {
      const r = await l.addApproval(approvalJson(approve(v, b)));
      expect(r.ok && r.value.status).toBe('orphan');
    }
    await l.addBlock(b.json);
    expect(l.get(b.id)!.status).toBe('final');
  });

  it('chooses the head by approvals, then length, then lowest id; rejected branches are left out', async () => {
    const l = await openLedger();
    const a = child(root, [], T0 + 1000);
    const b = child(root, [], T0 + 1001);
    await l.addBlock(a.json);
    await l.addBlock(b.json);
    // Equal approvals and height: lowest id.
    expect(l.head().id).toBe(a.id < b.id ? a.id : b.id);
    // Longer wins at equal approvals.
    const hi = a.id < b.id ? b : a;
    const lo = a.id < b.id ? a : b;
    const hi2 = child({ id: hi.id, height: 1 });
    await l.addBlock(hi2.json);
    expect(l.head().id).toBe(hi2.id);
    // More approvals beat length.
    await l.addApproval(approvalJson(approve(V[0]!, lo)));
    expect(l.head().id).toBe(lo.id);
    // A rejected block is left out.
    await l.addApproval(approvalJson(approve(V[1]!, lo, 1, 'reject')));
    await l.addApproval(approvalJson(approve(V[2]!, lo, 1, 'reject')));
    expect(l.get(lo.id)!.status).toBe('rejected');
    expect(l.head().id).toBe(hi2.id);
  });

  it('refuses blocks that do not descend from the last final block', async () => {
    const l = await openLedger();
    const a = child(root, [], T0 + 1000);
    const b = child(root, [], T0 + 1001);
    await l.addBlock(a.json);
    await l.addApproval(approvalJson(approve(V[0]!, a)));
    await l.addApproval(approvalJson(approve(V[1]!, a)));
    expect(code(await l.addBlock(b.json))).toBe('BLOCK_CONFLICTS_FINAL');
    expect(l.head().id).toBe(a.id);
  });

  it('replays blocks, approvals and finality from the store', async () => {
    const store = new MemoryStore();
    const l = await openLedger(store);
    const a = child(root, [tx(BOB, 'vote', 0)]);
    const a2 = child({ id: a.id, height: 1 });
    await l.addBlock(a.json);
    await l.addBlock(a2.json);
    for (const v of V.slice(0, 2)) await l.addApproval(approvalJson(approve(v, a)));
    const again = await openLedger(store);
    expect(again.head().id).toBe(a2.id);
    expect(again.lastFinal().id).toBe(a.id);
    expect(again.head().state.has(BOB.pk)).toBe(true);
  });
});

describe('validator', () => {
  it('approves a valid block, rejects an invalid one, and never approves two blocks at one height', async () => {
    const store = new MemoryStore();
    const l = await openLedger(store);
    const val = new Validator(l, { ed, secretKey: V[0]!.sk, store, mode: 'auto' });
    const a = child(root, [], T0 + 1000);
    const b = child(root, [], T0 + 1001);
    const ra = await val.review(a.json);
    expect(ra.ok && ra.value.kind === 'signed' && ra.value.approval.verdict).toBe('approve');
    expect(l.get(a.id)!.approvals.has(V[0]!.pk)).toBe(true);
    // Asked again: the same signature.
    const again = await val.review(a.json);
    expect(again.ok && again.value.kind === 'signed' && again.value.approval.sig).toBe(
      ra.ok && ra.value.kind === 'signed' ? ra.value.approval.sig : '',
    );
    // A second block at height 1: refused.
    expect(code(await val.review(b.json))).toBe('APPROVAL_CONFLICT');
    // Refused after a restart too (the record is in the store).
    const l2 = await openLedger(store);
    const val2 = new Validator(l2, { ed, secretKey: V[0]!.sk, store, mode: 'auto' });
    expect(code(await val2.review(b.json))).toBe('APPROVAL_CONFLICT');
    // An invalid block is rejected with the rule's reason.
    const bad = blockJson(
      mineBad({ parent_id: a.id, miner_name: 'm', content: { height: 2, time: T0 + 3000, txs: [] } }),
    );
    const rb = await val2.review(bad);
    expect(rb.ok && rb.value.kind === 'signed' && rb.value.approval.verdict).toBe('reject');
    expect(rb.ok && rb.value.kind === 'signed' && rb.value.approval.reason).toMatch(/^BLOCK_POW_INVALID/);
  });

  it('approves a block only once its parent is final, so a branch that lost locks no validator out', async () => {
    // Two branches from the genesis: a (then a2) and b (then b2). v0 sees a first, v1 and v2 see b first.
    const store = new MemoryStore();
    const l = await openLedger(store);
    const vals = V.map((v) => new Validator(l, { ed, secretKey: v.sk, store, mode: 'auto' }));
    const a = child(root, [], T0 + 1000);
    const b = child(root, [], T0 + 1001);
    const a2 = child({ id: a.id, height: 1 }, [], T0 + 2000);
    const b2 = child({ id: b.id, height: 1 }, [], T0 + 2001);
    for (const x of [a, b, a2, b2]) expect((await l.addBlock(x.json)).ok).toBe(true);
    expect(code(await vals[0]!.review(a.json))).toBe('ok');
    // a is pending: v0 waits on a2 instead of signing an approval at height 2.
    const w = await vals[0]!.review(a2.json);
    expect(w.ok && w.value.kind === 'waiting' && w.value.parent_id).toBe(a.id);
    expect(l.get(a2.id)!.approvals.size).toBe(0);
    expect(code(await vals[0]!.sign(a2.id, 2, 'approve'))).toBe('APPROVAL_PARENT_PENDING');
    // b wins height 1; v0 is still free at height 2 and its approval of b2 makes b2 final.
    for (const v of vals.slice(1)) expect(code(await v.review(b.json))).toBe('ok');
    expect(l.lastFinal().id).toBe(b.id);
    const r = await vals[0]!.review(b2.json);
    expect(r.ok && r.value.kind === 'signed' && r.value.approval.verdict).toBe('approve');
    expect(code(await vals[1]!.review(b2.json))).toBe('ok');
    expect(l.lastFinal().id).toBe(b2.id);
  });

  it('does not sign a block whose parent is unknown, nor as a non-validator', async () => {
    const store = new MemoryStore();
    const l = await openLedger(store);
    const orphan = child({ id: 'ab'.repeat(32), height: 4 });
    const val = new Validator(l, { ed, secretKey: V[1]!.sk, store, mode: 'auto' });
    expect(code(await val.review(orphan.json))).toBe('BLOCK_PARENT_UNKNOWN');
    const outsider = new Validator(l, { ed, secretKey: keyPair('x').sk, store, mode: 'auto' });
    expect(code(await outsider.review(child(root).json))).toBe('APPROVAL_NOT_VALIDATOR');
  });

  it('queues blocks for a person in manual mode', async () => {
    const store = new MemoryStore();
    const l = await openLedger(store);
    const val = new Validator(l, { ed, secretKey: V[2]!.sk, store, mode: 'manual' });
    const a = child(root);
    const bad = blockJson(
      mineBad({ parent_id: GENESIS_ID, miner_name: 'm', content: { height: 1, time: T0 + 5, txs: [] } }),
    );
    const q = await val.review(a.json);
    expect(q.ok && q.value.kind).toBe('queued');
    await val.review(bad);
    expect(
      val
        .pending()
        .map((p) => p.suggestion)
        .sort(),
    ).toEqual(['approve', 'reject']);
    const badId = val.pending().find((p) => p.suggestion === 'reject')!.block_id;
    expect(code(await val.decide(badId, 'approve'))).toBe('APPROVAL_INVALID');
    const d = await val.decide(a.id, 'reject', 'I do not like it');
    expect(d.ok && d.value.reason).toBe('I do not like it');
    expect(code(await val.decide(a.id, 'approve'))).toBe('APPROVAL_INVALID'); // no longer queued
    expect(val.pending()).toHaveLength(1);
  });
});

describe('larger validator sets', () => {
  it('with 5 validators and quorum 3: 2 approvals and 2 rejections stay pending, a third approval makes it final', async () => {
    const five = [...V, keyPair('v4'), keyPair('v5')];
    const g = genesisBlock({ validators: five.map((v) => v.pk), quorum: 3 });
    const l = await openLedger(new MemoryStore(), g);
    const b = child({ id: blockId(g), height: 0 }, [], T0 + 10, 'm');
    await l.addBlock(b.json);
    const verdict = (v: (typeof five)[number], verdict: 'approve' | 'reject') =>
      l.addApproval(
        approvalJson(signApproval(ed, v.sk, { block_id: b.id, height: 1, validator: v.pk, verdict })),
      );
    await verdict(five[0]!, 'approve');
    await verdict(five[1]!, 'reject');
    await verdict(five[2]!, 'approve');
    await verdict(five[3]!, 'reject');
    expect(l.get(b.id)!.status).toBe('pending');
    const r = await verdict(five[4]!, 'approve');
    expect(r.ok && r.value.madeFinal).toBe(true);
  });
});
