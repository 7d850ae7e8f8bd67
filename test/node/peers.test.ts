/**
 * Bad peers and people in the loop: a tampered block served by a peer is refused and the peer penalised
 * (then banned); a manual validator signs only when a person decides.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, isJsonObject, type JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { type Block, blockId, blockJson, decodeBlock } from '../../src/ledger/block.js';
import { searchNonceSync } from '../../src/ledger/pow.js';
import type { NodeApi } from '../../src/node/api.js';
import { submitLocal } from '../../src/node/node.js';
import type { WireEntry } from '../../src/node/peer-client.js';
import { createVerifyPool } from '../../src/node/verify-pool.js';
import { child } from '../ledger/helpers.js';
import { allFinal, keyPair, type TestNet, testNet, tx, until } from './helpers.js';

let t: TestNet | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The block with its first transaction's text changed and a fresh valid proof of work. */
function tamper(b: JsonValue): JsonValue {
  const d = decodeBlock(b);
  if (!d.ok) throw new Error(d.message);
  const content = d.value.content;
  const txs = content.txs as JsonValue[];
  if (!Array.isArray(txs) || txs.length === 0 || !isJsonObject(txs[0])) return b;
  const t0 = txs[0];
  const forged = { ...t0, body: { text: 'forged' } };
  const block: Omit<Block, 'nonce'> = { ...d.value, content: { ...content, txs: [forged, ...txs.slice(1)] } };
  const mined = searchNonceSync(block, 6);
  if (!mined.ok) throw new Error(mined.message);
  return blockJson(mined.value);
}

/** A dishonest copy of a node's API: every block it serves with transactions is tampered. */
function evil(api: NodeApi): NodeApi {
  const bad = (es: WireEntry[]) => es.map((e) => ({ block: tamper(e.block), approvals: e.approvals }));
  return {
    ...api,
    blocks: (f, l) => bad(api.blocks(f, l)),
    blocksPage: (f, l) => canonicalJson({ entries: bad(api.blocks(f, l)) as unknown as JsonValue[] }),
    blocksByIds: (ids) => bad(api.blocksByIds(ids)),
    blocksByIdsPage: (ids) => canonicalJson({ entries: bad(api.blocksByIds(ids)) as unknown as JsonValue[] }),
  };
}

const CORE = [
  { name: 'v0', roles: ['validator'], v: 0 },
  { name: 'v1', roles: ['validator'], v: 1 },
  { name: 'v2', roles: ['validator'], v: 2 },
  { name: 'm', roles: ['miner'] },
] as const;

const pool = createVerifyPool(2);
afterAll(() => pool.close());

describe('bad peers', () => {
  it.each([
    ['', undefined],
    [' (signatures checked on worker threads)', pool],
  ])('a node served a tampered block refuses it, penalises the peer, bans it, and syncs from an honest one%s', async (_, verifyPool) => {
    t = testNet({
      tuning: { peerPolicy: { invalidPenalty: 60, banScore: -100 } },
      ...(verifyPool ? { verifyPool } : {}),
    });
    for (const s of CORE) await t.up(s);
    const txs = Array.from({ length: 5 }, (_, i) => tx(keyPair(`t${i}`), 'note', { text: `t${i}` }));
    await submitLocal(t.nodes.get('m')!, txs.map(txJson));
    for (const n of t.nodes.values()) await until(() => allFinal(n, txs.map(txId)));
    // the evil peer serves v0's chain with forged transactions
    t.net.serve('mem://evil', evil(t.nodes.get('v0')!.api));
    for (const n of t.nodes.values()) n.peers.add('mem://evil');
    // a fresh observer that knows only the evil peer at first
    for (const name of [...t.nodes.keys()]) t.net.setOnline(`mem://${name}`, false);
    const fresh = await t.up({ name: 'fresh', roles: ['observer'] });
    fresh.peers.add('mem://evil');
    await fresh.sync.round();
    await fresh.sync.round();
    expect(fresh.sync.stats.refused).toBeGreaterThanOrEqual(1);
    // nothing forged was stored: only the genesis
    expect(fresh.chain.ledger.tree.nodes.size).toBe(1);
    const stored = await t.stores.get('fresh')!.allBlocks();
    expect(stored.length).toBe(1);
    const evilPeer = fresh.peers.get('mem://evil')!;
    expect(evilPeer.score).toBeLessThanOrEqual(-100);
    expect(fresh.peers.isBanned('mem://evil')).toBe(true);
    expect(fresh.peers.active().map((p) => p.url)).not.toContain('mem://evil');
    // with honest peers back, it catches up
    for (const name of CORE.map((s) => s.name)) t.net.setOnline(`mem://${name}`, true);
    await until(() => allFinal(fresh, txs.map(txId)), 20_000, 'fresh catches up');
    // a tampered block pushed directly is refused with a stable code and not stored
    const tip = fresh.chain.ledger.head();
    const good = tx(keyPair('pushed'), 'note', { text: 'pushed' });
    const forged = tamper(child(tip, [good], Date.now()).json);
    const r = await fresh.api.submitBlock(forged, 'mem://v0');
    expect(r.ok ? 'stored' : r.code).toBe('SIGNATURE_INVALID');
    const fb = decodeBlock(forged);
    expect(fb.ok && fresh.chain.ledger.get(blockId(fb.value))).toBe(undefined);
    expect((await t.stores.get('fresh')!.allBlocks()).length).toBe(fresh.chain.ledger.tree.nodes.size);
  });

  it('a ban ends after its time and the score restarts at half the ban score', async () => {
    t = testNet({ tuning: { peerPolicy: { invalidPenalty: 200, banMs: 1000 } } });
    const o = await t.up({ name: 'o', roles: ['observer'] });
    o.peers.add('mem://x');
    o.peers.penalizeInvalid('mem://x', 'test');
    expect(o.peers.isBanned('mem://x')).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(o.peers.active().map((p) => p.url)).toContain('mem://x');
    // -50, minus a little for each sync call since then (the peer does not exist)
    expect(o.peers.get('mem://x')!.score).toBeLessThanOrEqual(-50);
    expect(o.peers.get('mem://x')!.score).toBeGreaterThan(-100);
  });
});

describe('manual validators', () => {
  it('a block waits for a person; the decision is signed, counted and gossiped', async () => {
    t = testNet();
    await t.up({ name: 'v0', roles: ['validator'], v: 0 });
    const v1 = await t.up({ name: 'v1', roles: ['validator'], v: 1, mode: 'manual' });
    const v2 = await t.up({ name: 'v2', roles: ['validator'], v: 2, mode: 'manual' });
    const m = await t.up({ name: 'm', roles: ['miner'] });
    const x = tx(keyPair('manual'), 'note', { text: 'held' });
    await submitLocal(m, [txJson(x)]);
    await until(() => v1.validator!.pending().length > 0 && v2.validator!.pending().length > 0);
    const d = v1.validator!.pending()[0]!;
    expect(d.suggestion).toBe('approve');
    // one automatic approval is not a quorum
    await new Promise((r) => setTimeout(r, 100));
    expect(allFinal(m, [txId(x)])).toBe(false);
    // a person approves on v1: final everywhere
    const a = await v1.validator!.decide(d.block_id, 'approve');
    expect(a.ok).toBe(true);
    for (const n of t.nodes.values()) await until(() => allFinal(n, [txId(x)]));
    // v2's person rejects: the verdict is signed and counted, the block stays final
    const r = await v2.validator!.decide(v2.validator!.pending()[0]!.block_id, 'reject', 'not convinced');
    expect(r.ok && r.value.verdict).toBe('reject');
    await until(() => m.chain.ledger.get(d.block_id)!.approvals.size === 3);
    expect(m.chain.ledger.get(d.block_id)!.status).toBe('final');
    // a second, different decision on the same block is refused
    const again = await v1.validator!.decide(d.block_id, 'reject');
    expect(again.ok).toBe(false);
  });
});
