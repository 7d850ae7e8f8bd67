/** Sync as a pipeline: the next page is requested while the signatures of the current one are verified. */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL } from '../../src/node/chain.js';
import type { PeerConnector } from '../../src/node/peer-client.js';
import { PeerSet } from '../../src/node/peers.js';
import { pause, silentLogger } from '../../src/node/service.js';
import { SyncService } from '../../src/node/sync.js';
import type { SignatureJob, VerifyPool } from '../../src/node/verify-pool.js';
import { child } from '../ledger/helpers.js';
import { ed, GENESIS_ID, keyPair, now, type TestNet, testNet, tx } from './helpers.js';

const nets: TestNet[] = [];
afterEach(async () => {
  for (const t of nets.splice(0)) await t.close();
});

describe('sync', () => {
  it('requests the next page before the current page is verified, and stores every page', async () => {
    const served = testNet();
    const fresh = testNet();
    nets.push(served, fresh);
    const a = await served.up({ name: 'a', roles: ['observer'] });
    let parent = { id: GENESIS_ID, height: 0 };
    for (let h = 1; h <= 4; h++) {
      const b = child(parent, [tx(keyPair(`s${h}`), 'note', { text: `page ${h}` })]);
      expect((await a.chain.addBlock(b.json, LOCAL)).ok).toBe(true);
      parent = { id: b.id, height: h };
    }
    const b = await fresh.up({ name: 'b', roles: ['observer'] });
    const events: string[] = [];
    const pool: VerifyPool = {
      verify: async (jobs: readonly SignatureJob[]) => {
        events.push('verify start');
        await pause(100);
        events.push('verify end');
        return jobs.map((j) => ed.verify(j.publicKey, j.message, j.signature));
      },
      verifyPage: async () => new Set<string>(), // in-memory peers send no text
      close: async () => undefined,
    };
    const toA = served.net.connector('mem://b');
    const connect: PeerConnector = (url) => {
      const c = toA(url);
      return {
        ...c,
        getBlocks: (from, limit, signal) => {
          events.push(`get ${from}`);
          return c.getBlocks(from, limit, signal);
        },
      };
    };
    const peers = new PeerSet({ store: fresh.stores.get('b')!, connect, now, logger: silentLogger });
    await peers.load(['mem://a']);
    const sync = new SyncService(b.chain, peers, silentLogger, { batch: 1, pool });
    await sync.syncFrom(peers.active()[0]!);
    expect(b.chain.ledger.head().height).toBe(4);
    expect(sync.stats.blocks).toBe(4);
    // Page 2 is asked for while page 1 is still being verified.
    expect(events.indexOf('get 2')).toBeGreaterThan(-1);
    expect(events.indexOf('get 2')).toBeLessThan(events.indexOf('verify end'));
  });
});
