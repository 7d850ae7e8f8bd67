/**
 * Several nodes in one process over the loopback network: transactions submitted to different nodes end
 * in final blocks on every node; a stopped validator catches up after a restart; gossip does not loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { MemoryStore } from '../../src/ledger/memory-store.js';
import type { NodeApi } from '../../src/node/api.js';
import { DiscoveryService } from '../../src/node/discovery.js';
import { LoopbackNetwork } from '../../src/node/loopback.js';
import { submitLocal } from '../../src/node/node.js';
import { PeerSet } from '../../src/node/peers.js';
import { silentLogger } from '../../src/node/service.js';
import {
  ALICE,
  allFinal,
  BOB,
  GENESIS_ID,
  keyPair,
  now,
  type TestNet,
  testNet,
  tx,
  until,
} from './helpers.js';

let t: TestNet | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const CLUSTER = [
  { name: 'v0', roles: ['validator'], v: 0 },
  { name: 'v1', roles: ['validator'], v: 1 },
  { name: 'v2', roles: ['validator'], v: 2 },
  { name: 'm', roles: ['miner'] },
  { name: 'o', roles: ['observer'] },
] as const;

function notes(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) =>
    tx(keyPair(`${prefix}${i % 7}`), 'note', { text: `${prefix} ${i}` }),
  );
}

describe('node network (in process)', () => {
  it('transactions submitted to different nodes end in final blocks on every node', async () => {
    t = testNet({ sqlite: true });
    for (const s of CLUSTER) await t.up(s);
    const byNode = CLUSTER.map((s, i) => ({ node: t!.nodes.get(s.name)!, txs: notes(20, `n${i}-`) }));
    const results = await Promise.all(byNode.map(({ node, txs }) => submitLocal(node, txs.map(txJson))));
    for (const rs of results) for (const r of rs) expect(r.ok && r.value.status).toBe('added');
    // a vote and a double vote by the same author on two nodes: at most one is final
    await submitLocal(t.nodes.get('v0')!, [txJson(tx(ALICE, 'vote', 1))]);
    const ids = byNode.flatMap(({ txs }) => txs.map(txId));
    for (const node of t.nodes.values())
      await until(() => allFinal(node, ids), 20_000, `final on ${node.name}`);
    await until(() => [...t!.nodes.values()].every((n) => allFinal(n, [txId(tx(ALICE, 'vote', 1))])));
    // every node holds the same final chain up to the lowest final height
    const all = [...t.nodes.values()].map((n) => n.chain.ledger);
    const low = Math.min(...all.map((l) => l.lastFinal().height));
    const at = all.map((l) => l.tree.ancestorAt(l.lastFinal(), low)!.id);
    expect(new Set(at).size).toBe(1);
    // every approval in final blocks is one of the three validators'; the miner mined every block
    const m = t.nodes.get('m')!;
    expect(m.miner!.stats.blocks).toBeGreaterThan(0);
    const o = t.nodes.get('o')!.chain.ledger;
    for (const n of o.mainChain().slice(1)) expect(n.block.miner_name).toBe('m');
  });

  it('a stopped validator catches up after a restart, and what it signed survives', async () => {
    t = testNet({ sqlite: true });
    for (const s of CLUSTER.slice(0, 4)) await t.up(s);
    const first = notes(10, 'a');
    await submitLocal(t.nodes.get('m')!, first.map(txJson));
    for (const n of t.nodes.values()) await until(() => allFinal(n, first.map(txId)));
    const signedBefore = t.nodes.get('v2')!.chain.ledger.lastFinal().height;
    await t.down('v2');
    // v0 and v1 are a quorum: the chain goes on without v2
    const second = notes(10, 'b');
    await submitLocal(t.nodes.get('v0')!, second.map(txJson));
    for (const name of ['v0', 'v1', 'm']) await until(() => allFinal(t!.nodes.get(name)!, second.map(txId)));
    const v2 = await t.up(CLUSTER[2]);
    expect(v2.chain.ledger.lastFinal().height).toBeGreaterThanOrEqual(signedBefore);
    await until(() => allFinal(v2, second.map(txId)), 20_000, 'v2 catches up');
    // the blocks it missed are final without it: it signs nothing for them, but signs new ones
    expect(v2.validator!.stats.signed).toBe(0);
    const third = notes(5, 'c');
    await submitLocal(v2, third.map(txJson));
    for (const n of t.nodes.values()) await until(() => allFinal(n, third.map(txId)));
    await until(() => v2.validator!.stats.signed > 0);
    expect(v2.chain.ledger.lastFinal().id).toBe(t.nodes.get('v0')!.chain.ledger.lastFinal().id);
  });

  it('a node that is not connected to the miner learns blocks from verdicts and pulls them', async () => {
    t = testNet();
    for (const s of CLUSTER.slice(0, 4)) await t.up(s);
    const o = await t.up({ name: 'o', roles: ['observer'] });
    // o talks to v1 only, and nobody but v1 talks to o (after the first discovery round, the next is in 30 s)
    await new Promise((r) => setTimeout(r, 100));
    for (const p of o.peers.all()) if (p.url !== 'mem://v1') o.peers.remove(p.url);
    for (const name of ['v0', 'v2', 'm']) t.nodes.get(name)!.peers.remove('mem://o');
    const txs = notes(12, 'p');
    await submitLocal(t.nodes.get('m')!, txs.map(txJson));
    await until(() => allFinal(o, txs.map(txId)), 20_000, 'o learns the blocks');
    expect(o.peers.all().map((p) => p.url)).toEqual(['mem://v1']);
  });

  it('gossip forwards each item once per peer and never loops', async () => {
    t = testNet();
    for (const s of CLUSTER) await t.up(s);
    const txs = notes(30, 'g');
    await submitLocal(t.nodes.get('o')!, txs.map(txJson));
    for (const n of t.nodes.values()) await until(() => allFinal(n, txs.map(txId)));
    for (const n of t.nodes.values()) await n.gossip.drain();
    const peers = CLUSTER.length - 1;
    for (const n of t.nodes.values()) {
      // a node forwards a transaction to each peer at most once (never back to its source)
      expect(n.gossip.stats.sentTxs).toBeLessThanOrEqual(txs.length * peers);
      const blocks = n.chain.ledger.tree.nodes.size - 1;
      expect(n.gossip.stats.sentBlocks).toBeLessThanOrEqual(blocks * peers);
      // only the maker pushes a block: each peer receives it once
      if (n.name !== 'm') expect(n.gossip.stats.sentBlocks).toBe(0);
    }
    // pages as text equal the entries, and respect a byte budget (always at least one entry)
    const v0 = t.nodes.get('v0')!;
    const h = v0.chain.ledger.lastFinal().height;
    expect(v0.api.blocksPage(1, h)).toBe(
      canonicalJson({ entries: v0.api.blocks(1, h) as unknown as JsonValue[] }),
    );
    expect(v0.api.blocksPage(1, h, 1)).toBe(
      canonicalJson({ entries: v0.api.blocks(1, 1) as unknown as JsonValue[] }),
    );
    const tip = v0.chain.ledger.lastFinal();
    const ids = [tip.id, 'f'.repeat(64), tip.parent!.id];
    expect(v0.api.blocksByIdsPage(ids)).toBe(
      canonicalJson({ entries: v0.api.blocksByIds(ids) as unknown as JsonValue[] }),
    );
    // the total is bounded by nodes × peers × items: no message is bounced around
    const total = [...t.nodes.values()].reduce((a, n) => a + n.gossip.stats.sentTxs, 0);
    expect(total).toBeLessThanOrEqual(CLUSTER.length * peers * txs.length);
    // a transaction offered again is "known" and not forwarded again
    const before = [...t.nodes.values()].map((n) => n.gossip.stats.sentTxs);
    const again = await t.nodes.get('v0')!.api.submitTxs([txJson(txs[0]!)], 'mem://o');
    expect(again[0]!.ok).toBe(false); // already final: TX_DUPLICATE
    await new Promise((r) => setTimeout(r, 50));
    expect([...t.nodes.values()].map((n) => n.gossip.stats.sentTxs)).toEqual(before);
  });

  it('discovers peers through the peers it was given, never itself, never garbage', async () => {
    const net = new LoopbackNetwork();
    const fake = (peers: string[]): NodeApi => ({
      head: () => ({ genesis: GENESIS_ID, id: GENESIS_ID, height: 0, final_id: GENESIS_ID, final_height: 0 }),
      blocks: () => [],
      blocksPage: () => '{"entries":[]}',
      blocksByIds: () => [],
      blocksByIdsPage: () => '{"entries":[]}',
      submitTxs: async () => [],
      submitBlock: async () => ({ ok: true, status: 'known' }),
      submitApproval: async () => ({ ok: true, status: 'known' }),
      peers: () => peers,
    });
    net.serve('mem://b', fake(['mem://a', 'mem://c', 'mem://self', 'not a url', 'ftp://x']));
    net.serve('mem://a', fake(['mem://d']));
    const set = new PeerSet({
      store: new MemoryStore(),
      connect: net.connector('mem://self'),
      now,
      logger: silentLogger,
      self: 'mem://self',
    });
    await set.load(['mem://b']);
    const d = new DiscoveryService(set, silentLogger);
    expect(await d.round()).toBe(2); // a and c, from b
    expect(await d.round()).toBe(1); // d, from a (c does not answer)
    expect(
      set
        .all()
        .map((p) => p.url)
        .sort(),
    ).toEqual(['mem://a', 'mem://b', 'mem://c', 'mem://d']);
    expect(await d.round()).toBe(0);
  });

  it('refuses a double vote on every node', async () => {
    t = testNet();
    for (const s of CLUSTER.slice(0, 4)) await t.up(s);
    const a = tx(BOB, 'vote', 0);
    const b = tx(BOB, 'vote', 1);
    await submitLocal(t.nodes.get('v0')!, [txJson(a)]);
    const r = await submitLocal(t.nodes.get('v0')!, [txJson(b)]);
    expect(r[0]!.ok).toBe(false);
    for (const n of t.nodes.values()) await until(() => allFinal(n, [txId(a)]));
    for (const n of t.nodes.values()) expect(allFinal(n, [txId(b)])).toBe(false);
  });
});
