/**
 * `GET /api/search` over real HTTP: a node whose ledger holds ballot and audit records (a test registry
 * that takes them as they come) answers for a block id, a transaction id, a tracker and a ballot id, and
 * refuses a value that is not 64 hex digits.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashJsonHex } from '../src/crypto/encoding/hash.js';
import { ed25519Native as ed } from '../src/crypto/node/ed25519-native.js';
import { fail, OK } from '../src/crypto/result.js';
import { systemRng } from '../src/crypto/rng.js';
import { createRegistry } from '../src/ledger/authority/registry.js';
import { signTx, type Tx, txId } from '../src/ledger/authority/tx.js';
import { blockJson } from '../src/ledger/block.js';
import { MemoryStore } from '../src/ledger/memory-store.js';
import { workerPowSearch } from '../src/ledger/node/pow-worker.js';
import { createClient } from '../src/net/client.js';
import { RemoteError } from '../src/net/client-errors.js';
import type { NetServer } from '../src/net/server.js';
import { httpConnector } from '../src/node/http/peer-client.js';
import { EXPLORER_ROUTES } from '../src/node/http/routes.js';
import { createLedgerServer } from '../src/node/http/server.js';
import { createNode, type PnyxNode } from '../src/node/node.js';
import { AUTHOR, GENESIS, until, VALIDATOR } from './node-http/harness.js';

/** Ballot-shaped records taken as they are: the search reads bodies, the election rules are not its subject. */
const registry = createRegistry<null>(
  () => null,
  ['ballot', 'audit', 'note'].map((type) => ({
    type,
    checkBody: (b: unknown) => (b && typeof b === 'object' ? OK : fail('ENCODING_INVALID', 'an object')),
    allowed: () => OK,
    apply: () => null,
  })),
);

const hex = (label: string): string => hashJsonHex(['search test', label]);
const cast = (n: number) => ({
  ballot_id: hex(`ballot ${n}`),
  voter_key: hex(`voter ${n}`),
  sig: hex(`sig ${n}`),
});

function tx(chain: string, type: string, body: Record<string, unknown>): Tx {
  return signTx(ed, AUTHOR.secretKey, { type, author: AUTHOR.publicKey, chain, body: body as never });
}

describe('GET /api/search', () => {
  let node: PnyxNode<null>;
  let server: NetServer;
  let url: string;
  const connector = httpConnector({ timeoutMs: 5000 });
  const chain = blockJson(GENESIS);
  let api: ReturnType<typeof createClient<typeof EXPLORER_ROUTES>>;
  const ids: Record<string, string> = {};
  const tracker1 = hex('tracker 1');

  beforeAll(async () => {
    const built = await createNode<null>({
      name: 'search',
      roles: ['observer', 'miner', 'validator'],
      store: new MemoryStore(),
      registry,
      ed,
      identity: VALIDATOR,
      logger: pino({ level: 'silent' }),
      now: Date.now,
      rng: systemRng,
      connect: connector.connect,
      genesis: chain,
      peers: [],
      search: workerPowSearch(),
      tuning: { sync: { intervalMs: 200 }, retryMs: 100 },
    });
    if (!built.ok) throw new Error(built.message);
    node = built.value;
    server = createLedgerServer({
      node,
      roles: ['observer', 'miner', 'validator'],
      logger: pino({ level: 'silent' }),
      limits: { rateLimitMax: 100_000 },
    });
    await node.start();
    url = await server.start();
    api = createClient(EXPLORER_ROUTES, url);
    const g = (await api.chain()).genesis.id;
    const txs = {
      // one cast forwarded by two boxes: two ballot records of one tracker
      a: tx(g, 'ballot', { box: 'box-a', cast: cast(1), receipt: { tracker: tracker1, box: 'box-a' } }),
      b: tx(g, 'ballot', { box: 'box-b', cast: cast(1), receipt: { tracker: tracker1, box: 'box-b' } }),
      c: tx(g, 'ballot', {
        box: 'box-a',
        cast: cast(2),
        receipt: { tracker: hex('tracker 2'), box: 'box-a' },
      }),
      audit: tx(g, 'audit', { cast: cast(3), secrets: {} }),
      note: tx(g, 'note', { text: 'hello' }),
    };
    for (const [k, t] of Object.entries(txs)) {
      ids[k] = txId(t);
      await api.submitTx({ body: t as never });
    }
    await until('every record final', 45_000, async () => (await api.chain()).final_txs >= 5);
  });

  afterAll(async () => {
    await server.stop();
    await node.stop();
    connector.close();
  });

  it('finds both ballot records of a tracker, in final blocks of the main chain', async () => {
    const r = await api.search({ query: { q: tracker1 } });
    expect(r.blocks).toEqual([]);
    expect(r.txs).toEqual([]);
    expect(r.ballots.map((b) => b.tx_id).sort()).toEqual([ids.a, ids.b].sort());
    for (const b of r.ballots) {
      expect(b).toMatchObject({ type: 'ballot', field: 'tracker', tracker: tracker1, pending: false });
      expect(b.status).toBe('final');
      expect(b.main).toBe(true);
      const block = await api.block({ params: { id: b.block_id! } });
      expect(block.txs[b.index!]).toBe(b.tx_id);
      expect(block.height).toBe(b.height);
    }
    expect(r.ballots.map((b) => b.box).sort()).toEqual(['box-a', 'box-b']);
  });

  it('finds records by ballot id, audits included (their tracker is the hash of the cast)', async () => {
    const byId = await api.search({ query: { q: cast(2).ballot_id } });
    expect(byId.ballots).toHaveLength(1);
    expect(byId.ballots[0]).toMatchObject({ tx_id: ids.c, field: 'ballot_id', tracker: hex('tracker 2') });
    const audit = await api.search({ query: { q: cast(3).ballot_id } });
    expect(audit.ballots).toHaveLength(1);
    expect(audit.ballots[0]).toMatchObject({
      tx_id: ids.audit,
      type: 'audit',
      tracker: hashJsonHex(cast(3)),
    });
    const byTracker = await api.search({ query: { q: hashJsonHex(cast(3)) } });
    expect(byTracker.ballots.map((b) => b.field)).toEqual(['tracker']);
  });

  it('finds a transaction and a block by id', async () => {
    const t = await api.search({ query: { q: ids.note! } });
    expect(t.txs).toHaveLength(1);
    expect(t.txs[0]).toMatchObject({
      id: ids.note,
      type: 'note',
      pending: false,
      status: 'final',
      main: true,
    });
    expect(t.ballots).toEqual([]);
    const c = await api.chain();
    const b = await api.search({ query: { q: c.final.id } });
    expect(b.blocks).toEqual([{ id: c.final.id, height: c.final.height, status: 'final', main: true }]);
    const g = await api.search({ query: { q: c.genesis.id } });
    expect(g.blocks[0]?.height).toBe(0);
  });

  it('answers nothing found for an unknown value, and refuses what is not 64 lowercase hex', async () => {
    const none = await api.search({ query: { q: hex('nothing') } });
    expect(none).toEqual({ q: hex('nothing'), blocks: [], txs: [], ballots: [] });
    for (const q of ['abc', tracker1.toUpperCase(), `${tracker1}0`]) {
      const e = await api.search({ query: { q } }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RemoteError);
      expect((e as RemoteError).status).toBe(400);
    }
    const raw = await fetch(`${url}/api/search?q=zz`);
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: { code: string } }).error.code).toMatch(/^[A-Z_]+$/);
  });
});
