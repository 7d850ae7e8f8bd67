/**
 * The ledger node's routes over real HTTP in one process: node A (validator and miner, quorum 1) and
 * node B (observer, peer of A through the HTTP peer client). Peer routes and the `PeerClient` contract,
 * explorer views and pages, the export stream, bad input with stable codes, and a peer behind SOCKS5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/crypto/encoding/canonical-json.js';
import { ed25519Native as ed } from '../../src/crypto/node/ed25519-native.js';
import { txId, txJson } from '../../src/ledger/authority/tx.js';
import { blockId, blockJson } from '../../src/ledger/block.js';
import { verifyExport } from '../../src/ledger/export/verify.js';
import { createClient } from '../../src/net/client.js';
import { RemoteError } from '../../src/net/client-errors.js';
import { httpConnector, PEER_CLIENT_ROUTES } from '../../src/node/http/peer-client.js';
import { PeerUnreachable } from '../../src/node/peer-client.js';
import { freePort, MICROSOCKS, startMicrosocks, warnIfMissing } from '../net/microsocks.js';
import { GENESIS, note, startTestNode, type TestNode, until } from './harness.js';

const gid = blockId(GENESIS);
let a: TestNode;
let b: TestNode;
const sent: string[] = [];

beforeAll(async () => {
  a = await startTestNode('a', ['validator', 'miner']);
  b = await startTestNode('b', [], [a.url]);
  // Notes sent to B reach A by gossip, are mined and approved by A, and come back to B.
  const client = createClient(PEER_CLIENT_ROUTES, b.url);
  for (let i = 0; i < 7; i++) {
    const tx = note(gid, `note ${i}`);
    const r = await client.submitTx({ body: txJson(tx) as never });
    expect(r).toEqual({ id: txId(tx), status: 'added' });
    sent.push(txId(tx));
  }
  await until('every note final on B', 20_000, async () => (await client.chain()).final_txs === sent.length);
});

afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

async function raw(url: string, method = 'GET', body?: string) {
  const r = await fetch(url, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return { status: r.status, json: (await r.json()) as { error?: { code: string } } };
}

describe('explorer routes', () => {
  it('summarises the chain', async () => {
    const c = await createClient(PEER_CLIENT_ROUTES, b.url).chain();
    expect(c.genesis).toMatchObject({ id: gid, quorum: 1, hardness: 4 });
    // The node's own key, the one a wizard puts in an election's box or trustee list.
    expect(c.node).toEqual({ name: 'b', roles: ['observer'], key: b.node.key });
    expect(c.node.key).toMatch(/^[0-9a-f]{64}$/);
    expect(c.final.height).toBeGreaterThanOrEqual(1);
    expect(c.final_txs).toBe(sent.length);
    const ca = await createClient(PEER_CLIENT_ROUTES, a.url).chain();
    expect(ca.node.validator).toMatch(/^[0-9a-f]{64}$/);
    expect(ca.node.key).toBe(ca.node.validator); // a validator signs with the node's key
    expect(ca.node.key).not.toBe(c.node.key);
  });

  it('shows blocks by height and id with their verdicts, and the genesis at height 0', async () => {
    const c = createClient(PEER_CLIENT_ROUTES, b.url);
    const g = await c.blocksAt({ params: { height: 0 } });
    expect(g.blocks.map((x) => x.id)).toEqual([gid]);
    const one = (await c.blocksAt({ params: { height: 1 } })).blocks[0]!;
    expect(one).toMatchObject({ height: 1, status: 'final', main: true });
    expect(blockId(one.block as never)).toBe(one.id);
    expect(await c.block({ params: { id: one.id } })).toEqual(one);
    expect((await c.approvals({ params: { id: one.id } })).approvals).toEqual(one.approvals);
    expect(one.approvals[0]).toMatchObject({ block_id: one.id, verdict: 'approve' });
    expect((await c.blocksAt({ params: { height: 999_999 } })).blocks).toEqual([]);
  });

  it('finds a transaction by id and lists them a page at a time', async () => {
    const c = createClient(PEER_CLIENT_ROUTES, b.url);
    const v = await c.tx({ params: { id: sent[0]! } });
    expect(v).toMatchObject({ id: sent[0], pending: false });
    expect(v.included[0]).toMatchObject({ status: 'final', main: true });
    // pages of 3, newest first, cover every note exactly once
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await c.txs({ query: { type: 'note', limit: 3, ...(after ? { after } : {}) } });
      seen.push(...page.txs.map((t) => t.id));
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(seen.length).toBe(sent.length);
    expect(new Set(seen)).toEqual(new Set(sent));
    const all = await c.txs({ query: { limit: 500 } });
    expect(all.txs.map((t) => t.id)).toEqual(seen);
    const byOther = await c.txs({ query: { author: '0'.repeat(64) } });
    expect(byOther).toEqual({ txs: [] });
  });

  it('shows the pool and the peers', async () => {
    const c = createClient(PEER_CLIENT_ROUTES, b.url);
    expect(await c.mempool()).toEqual({ size: 0, txs: [] });
    const peers = await c.peers();
    expect(peers.peers.map((p) => p.url)).toEqual([a.url]);
    expect(peers.peers[0]).toMatchObject({ banned: false });
  });

  it('streams an export that verifies', async () => {
    const text = await createClient(PEER_CLIENT_ROUTES, b.url).exportLedger();
    const lines = text.trimEnd().split('\n');
    const r = verifyExport(lines, { ed });
    expect(r).toMatchObject({ ok: true, genesis: gid });
    expect(r.ok && r.finalHeight).toBeGreaterThanOrEqual(1);
  });

  it('answers bad input with stable codes', async () => {
    expect(await raw(`${b.url}/api/blocks/${'f'.repeat(64)}`)).toMatchObject({
      status: 404,
      json: { error: { code: 'NOT_FOUND' } },
    });
    expect(await raw(`${b.url}/api/txs/${'f'.repeat(64)}`)).toMatchObject({ status: 404 });
    expect((await raw(`${b.url}/api/blocks/XYZ`)).json.error?.code).toBe('PARAMS_INVALID');
    expect((await raw(`${b.url}/api/txs?limit=0`)).json.error?.code).toBe('QUERY_INVALID');
    expect((await raw(`${b.url}/api/txs?after=nope`)).json.error?.code).toBe('QUERY_INVALID');
    const tx = txJson(note(gid, 'x'));
    const forged = canonicalJson({ ...(tx as object), body: { text: 'y' } });
    expect(await raw(`${b.url}/api/txs`, 'POST', forged)).toMatchObject({
      status: 422,
      json: { error: { code: 'SIGNATURE_INVALID' } },
    });
    const other = canonicalJson({ ...(tx as object), chain: 'a'.repeat(64) });
    expect((await raw(`${b.url}/api/txs`, 'POST', other)).json.error?.code).toBe('GENESIS_MISMATCH');
    const unknown = canonicalJson({ ...(tx as object), type: 'vote' });
    expect((await raw(`${b.url}/api/txs`, 'POST', unknown)).json.error?.code).toBe('TX_TYPE_UNKNOWN');
    expect((await raw(`${b.url}/api/txs`, 'POST', '{"type":1}')).json.error?.code).toBe('BODY_INVALID');
    expect((await raw(`${b.url}/api/txs`, 'POST', '{')).json.error?.code).toBe('JSON_INVALID');
    const again = await raw(`${b.url}/api/txs`, 'POST', canonicalJson(txJson(note(gid, 'note 0'))));
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'TX_DUPLICATE' } } });
  });
});

describe('the HTTP peer client', () => {
  it('reads the head and pages of blocks', async () => {
    const p = a.connector.connect(b.url);
    const head = await p.getHead();
    expect(head).toMatchObject({ genesis: gid });
    expect(head.final_height).toBeGreaterThanOrEqual(1);
    const entries = await p.getBlocks(0, 1000);
    expect(entries.length).toBe(head.height + 1);
    expect(blockId(entries[0]!.block as never)).toBe(gid);
    expect(await p.getBlocks(head.height + 1, 10)).toEqual([]);
    const ids = entries.map((e) => blockId(e.block as never));
    const byId = await p.getBlocksByIds([ids[1]!, 'e'.repeat(64), ids[0]!]);
    expect(byId.map((e) => blockId(e.block as never))).toEqual([ids[1], ids[0]]);
    expect(await p.getPeers()).toEqual([a.url]);
  });

  it('returns refusals as results and takes valid items', async () => {
    const p = a.connector.connect(b.url);
    const good = txJson(note(gid, 'fresh'));
    const forged = { ...(txJson(note(gid, 'x')) as object), body: { text: 'forged' } };
    const rs = await p.postTxs([good, forged]);
    expect(rs).toEqual([
      { ok: true, status: 'added' },
      { ok: false, code: 'SIGNATURE_INVALID', message: expect.any(String) },
    ]);
    // offered again (as gossip does from several peers): known while pending (or already on the chain),
    // the forged one still refused
    const again = await p.postTxs([forged, good]);
    expect(again[0]).toEqual({ ok: false, code: 'SIGNATURE_INVALID', message: expect.any(String) });
    expect([JSON.stringify({ ok: true, status: 'known' }), 'TX_DUPLICATE']).toContain(
      again[1]!.ok ? JSON.stringify(again[1]) : again[1]!.code,
    );
    const head = (await p.getBlocks(0, 1))[0]!.block;
    expect(await p.postBlock(head)).toEqual({ ok: true, status: 'known' });
    const noPow = { ...blockJson(GENESIS), nonce: GENESIS.nonce + 1 };
    expect(await p.postBlock(noPow)).toMatchObject({ ok: false });
    const shape = await p.postApproval({ block_id: gid });
    expect(shape).toMatchObject({ ok: false, code: 'BODY_INVALID' });
    await until('the fresh note final on A', 20_000, () => a.node.chain.ledger.lastFinal().txs.length > 0);
  });

  it('throws PeerUnreachable when no valid answer comes', async () => {
    const port = await freePort();
    const p = a.connector.connect(`http://127.0.0.1:${port}`);
    await expect(p.getHead()).rejects.toBeInstanceOf(PeerUnreachable);
    await expect(p.postBlock(blockJson(GENESIS))).rejects.toBeInstanceOf(PeerUnreachable);
    const ac = new AbortController();
    ac.abort();
    await expect(a.connector.connect(b.url).getHead(ac.signal)).rejects.toBeInstanceOf(PeerUnreachable);
  });

  it('announces: a node learns a peer URL once; a URL that is not http(s) is refused', async () => {
    const c = createClient(PEER_CLIENT_ROUTES, a.url);
    expect(await c.peerAnnounce({ body: { url: b.url } })).toEqual({ status: 'added' });
    expect(await c.peerAnnounce({ body: { url: `${b.url}/` } })).toEqual({ status: 'known' });
    const ftp = await c.peerAnnounce({ body: { url: 'ftp://x' } }).catch((e: unknown) => e);
    expect(ftp).toBeInstanceOf(RemoteError);
    expect((ftp as RemoteError).code).toBe('BODY_INVALID');
  });

  it.skipIf(MICROSOCKS === undefined)('works through a SOCKS5h proxy', async () => {
    const socks = await startMicrosocks();
    const via = httpConnector({ proxy: socks.url });
    try {
      const p = via.connect(b.url);
      expect((await p.getHead()).genesis).toBe(gid);
      await socks.kill();
      await expect(p.getHead()).rejects.toBeInstanceOf(PeerUnreachable);
    } finally {
      via.close();
      await socks.kill();
    }
  });
});

warnIfMissing();
