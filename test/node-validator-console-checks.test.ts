/**
 * The checks the validator console shows come from the ledger's own block checks: `explain` lists every
 * check in order, ends at the first failure, agrees with `addBlock`, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Tx } from '../src/ledger/authority/tx.js';
import { blockId, blockJson } from '../src/ledger/block.js';
import { ALICE, child, GENESIS_ID, mine, mineBad, openLedger, T0, tx } from './ledger/helpers.js';

const RULES = [
  'envelope',
  'parent_known',
  'final',
  'miner',
  'pow',
  'parent',
  'content',
  'height',
  'time',
  'tx_count',
];

/** A note whose text was changed after signing. */
function forged(): Tx {
  const t = tx(ALICE, 'note', { text: 'signed text' });
  return { ...t, body: { text: 'changed text' } };
}

describe('ledger explain (the checks of the validator console)', () => {
  it('lists every check of a valid block, each passed, transactions one by one', async () => {
    const ledger = await openLedger();
    const b = child({ id: GENESIS_ID, height: 0 }, [tx(ALICE, 'note', { text: 'a' }), tx(ALICE, 'vote', 1)]);
    const steps = ledger.explain(b.json).steps;
    expect(steps.map((s) => s.name)).toEqual([...RULES, 'txs[0]', 'txs[1]']);
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(steps.find((s) => s.name === 'tx_count')?.message).toMatch(/^2 of at most/);
    expect(ledger.get(b.id)).toBeUndefined();
    // a known block is checked again against its parent
    expect((await ledger.addBlock(b.json)).ok).toBe(true);
    expect(ledger.explain(b.json).steps.every((s) => s.ok)).toBe(true);
  });

  it('ends at the failing check with the code addBlock gives', async () => {
    const ledger = await openLedger();
    const parent = { id: GENESIS_ID, height: 0 };
    const cases: { json: unknown; step: string; code: string }[] = [
      { json: { nonsense: true }, step: 'envelope', code: 'BLOCK_INVALID' },
      {
        json: child({ id: 'ab'.repeat(32), height: 0 }).json,
        step: 'parent_known',
        code: 'BLOCK_PARENT_UNKNOWN',
      },
      {
        json: blockJson(
          mineBad({ parent_id: GENESIS_ID, miner_name: 'm1', content: { height: 1, time: T0 + 1, txs: [] } }),
        ),
        step: 'pow',
        code: 'BLOCK_POW_INVALID',
      },
      {
        json: blockJson(
          mine({ parent_id: GENESIS_ID, miner_name: 'm1', content: { height: 5, time: T0 + 1, txs: [] } }),
        ),
        step: 'height',
        code: 'BLOCK_HEIGHT_INVALID',
      },
      {
        json: blockJson(
          mine({ parent_id: GENESIS_ID, miner_name: 'm1', content: { height: 1, time: T0 - 1, txs: [] } }),
        ),
        step: 'time',
        code: 'BLOCK_TIME_INVALID',
      },
      { json: child(parent, [forged()]).json, step: 'txs[0]', code: 'SIGNATURE_INVALID' },
      {
        json: child(parent, [tx(ALICE, 'vote', 1), tx(ALICE, 'vote', 0)]).json,
        step: 'txs[1]',
        code: 'TX_NOT_ALLOWED',
      },
    ];
    for (const c of cases) {
      const steps = ledger.explain(c.json).steps;
      const last = steps.at(-1);
      expect(last?.name, c.step).toBe(c.step);
      expect(last?.ok, c.step).toBe(false);
      expect(last?.message?.startsWith(`${c.code}: `), `${c.step}: ${last?.message}`).toBe(true);
      expect(
        steps.slice(0, -1).every((s) => s.ok),
        c.step,
      ).toBe(true);
      const added = await ledger.addBlock(c.json);
      expect(added.ok ? 'added' : added.code, c.step).toBe(c.code);
    }
    expect(ledger.tree.nodes.size).toBe(1);
  });

  it('reports a block off the final chain', async () => {
    const ledger = await openLedger();
    const a = child({ id: GENESIS_ID, height: 0 }, [], T0 + 10, 'm1');
    const b = child({ id: GENESIS_ID, height: 0 }, [], T0 + 20, 'm2');
    expect((await ledger.addBlock(a.json)).ok).toBe(true);
    expect((await ledger.addBlock(b.json)).ok).toBe(true);
    // two of three validators make `a` final: `b` no longer descends from the last final block
    const { signApproval, approvalJson } = await import('../src/ledger/authority/approval.js');
    const { V, ed } = await import('./ledger/helpers.js');
    for (const v of V.slice(0, 2)) {
      const ap = signApproval(ed, v.sk, { block_id: a.id, height: 1, validator: v.pk, verdict: 'approve' });
      expect((await ledger.addApproval(approvalJson(ap))).ok).toBe(true);
    }
    expect(ledger.lastFinal().id).toBe(a.id);
    const fin = [
      ['envelope', true],
      ['parent_known', true],
      ['final', false],
    ];
    expect(ledger.explain(b.json).steps.map((s) => [s.name, s.ok])).toEqual(fin);
    expect(ledger.explain(b.json).steps.at(-1)?.message).toMatch(/^BLOCK_CONFLICTS_FINAL: /);
    expect(ledger.validate(b.json).ok ? 'ok' : 'refused').toBe('refused');
    // a new block on top of it too
    const c = child({ id: b.id, height: 1 }, [], T0 + 30);
    expect(ledger.explain(c.json).steps.map((s) => [s.name, s.ok])).toEqual(fin);
    expect(ledger.explain(a.json).steps.every((s) => s.ok)).toBe(true);
    // rule checks passed back are reused; the place in the tree is checked again every time
    const first = ledger.explain(a.json);
    expect(first.rules?.map((s) => s.name)).toEqual(RULES.slice(3));
    const marker = [{ name: 'reused', ok: true }];
    expect(ledger.explain(a.json, marker).steps.map((s) => s.name)).toEqual([...RULES.slice(0, 3), 'reused']);
    expect(ledger.explain(b.json, first.rules).steps.map((s) => [s.name, s.ok])).toEqual(fin);
    expect(ledger.explain(b.json).rules).toBeUndefined();
    expect(blockId(b.block)).toBe(b.id);
  });
});
