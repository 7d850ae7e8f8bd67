import { describe, expect, it } from 'vitest';
import type { Ed25519 } from '../../src/crypto/sig/ed25519.js';
import { Mempool } from '../../src/ledger/authority/mempool.js';
import { mineBlock } from '../../src/ledger/authority/miner.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { meetsPow } from '../../src/ledger/block.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import { workerPowSearch } from '../../src/ledger/node/pow-worker.js';
import { ALICE, BOB, child, ed, GENESIS_ID, HARDNESS, openLedger, registry, T0, tx } from './helpers.js';

function code(r: { ok: boolean; code?: string }): string {
  return r.ok ? 'ok' : r.code!;
}

async function setup(maxTxs?: number) {
  const store = new MemoryStore();
  const ledger = await openLedger(store);
  const now = () => T0 + 5000;
  const pool = await Mempool.open(ledger, { registry, ed, store, now, ...(maxTxs ? { maxTxs } : {}) });
  return { store, ledger, pool, now };
}

describe('mempool', () => {
  it('checks transactions before accepting them', async () => {
    const { pool } = await setup();
    const v = txJson(tx(ALICE, 'vote', 1));
    expect(await pool.add(v)).toMatchObject({ ok: true, value: { status: 'added' } });
    expect(await pool.add(v)).toMatchObject({ ok: true, value: { status: 'known' } });
    expect(code(await pool.add(txJson(tx(ALICE, 'vote', 0))))).toBe('TX_NOT_ALLOWED'); // double vote in pool
    expect(code(await pool.add({ ...(v as object), body: 0 }))).toBe('SIGNATURE_INVALID');
    expect(code(await pool.add(txJson(tx(BOB, 'unknown', 1))))).toBe('TX_TYPE_UNKNOWN');
    expect(code(await pool.add(txJson(tx(BOB, 'note', 5))))).toBe('ENCODING_INVALID');
    expect(code(await pool.add(txJson(tx(BOB, 'note', { text: 'x'.repeat(300_000) }))))).toBe('TX_TOO_LARGE');
    expect(code(await pool.add(txJson(tx(BOB, 'vote', 1, 'ff'.repeat(32)))))).toBe('GENESIS_MISMATCH');
    expect(code(await pool.add('garbage'))).toBe('TX_INVALID');
    expect(pool.size).toBe(1);
  });

  it('refuses transactions when full and survives a restart', async () => {
    const { pool, store, ledger, now } = await setup(2);
    await pool.add(txJson(tx(ALICE, 'note', { text: '1' })));
    await pool.add(txJson(tx(ALICE, 'note', { text: '2' })));
    expect(code(await pool.add(txJson(tx(ALICE, 'note', { text: '3' }))))).toBe('MEMPOOL_FULL');
    const again = await Mempool.open(ledger, { registry, ed, store, now });
    expect(again.size).toBe(2);
  });

  it('answers a repeat, pending or on the main chain, without checking its signature again', async () => {
    const store = new MemoryStore();
    const ledger = await openLedger(store);
    let verifies = 0;
    const counting: Ed25519 = {
      backend: ed.backend,
      publicKeyFromSecret: (s) => ed.publicKeyFromSecret(s),
      sign: (s, m) => ed.sign(s, m),
      verify: (pk, m, sig) => {
        verifies++;
        return ed.verify(pk, m, sig);
      },
    };
    const pool = await Mempool.open(ledger, { registry, ed: counting, store, now: () => T0 + 5000 });
    const pending = tx(ALICE, 'vote', 1);
    expect(code(await pool.add(txJson(pending)))).toBe('ok');
    expect(verifies).toBe(1);
    expect(await pool.add(txJson(pending))).toMatchObject({ ok: true, value: { status: 'known' } });
    expect(verifies).toBe(1);
    // On the main chain (never pending here): refused as a duplicate by its id alone.
    const mined = tx(BOB, 'note', { text: 'on chain' });
    expect(code(await ledger.addBlock(child({ id: GENESIS_ID, height: 0 }, [mined]).json))).toBe('ok');
    expect(pool.known(txId(mined)) && pool.known(txId(pending))).toBe(true);
    expect(code(await pool.add(txJson(mined)))).toBe('TX_DUPLICATE');
    expect(verifies).toBe(1);
    // A changed transaction is a new id: fully checked.
    expect(code(await pool.add({ ...(txJson(mined) as object), body: { text: 'changed' } }))).toBe(
      'SIGNATURE_INVALID',
    );
    expect(verifies).toBe(2);
  });
});

describe('miner', () => {
  it('packs pending transactions into a block mined in a worker, then prunes them', async () => {
    const { pool, ledger, now } = await setup();
    await pool.add(txJson(tx(ALICE, 'vote', 1)));
    await pool.add(txJson(tx(BOB, 'vote', 0)));
    await pool.add(txJson(tx(BOB, 'note', { text: 'hello' })));
    const search = workerPowSearch({ threads: 2 });
    const m = await mineBlock(ledger, pool, { minerName: 'm1', search, now, maxTxs: 2 });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(meetsPow(m.value.id, HARDNESS)).toBe(true);
    expect(ledger.head().id).toBe(m.value.id);
    expect((m.value.block.content.txs as unknown[]).length).toBe(2);
    expect(pool.size).toBe(1);
    // Nothing to do without pending transactions unless asked.
    const m2 = await mineBlock(ledger, pool, { minerName: 'm1', search, now });
    expect(m2.ok).toBe(true);
    expect(code(await mineBlock(ledger, pool, { minerName: 'm1', search, now }))).toBe('MINING_ABORTED');
    const e = await mineBlock(ledger, pool, { minerName: 'm1', search, now, allowEmpty: true });
    expect(e.ok && ledger.head().height).toBe(3);
  });

  it('can be aborted', async () => {
    const { pool, ledger, now } = await setup();
    await pool.add(txJson(tx(ALICE, 'vote', 1)));
    const ac = new AbortController();
    const slow = workerPowSearch();
    const hard = { ...ledger.genesis, hardness: 60 };
    Object.defineProperty(ledger, 'genesis', { value: hard });
    const p = mineBlock(ledger, pool, { minerName: 'm1', search: slow, now, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    expect(code(await p)).toBe('MINING_ABORTED');
  });
});
