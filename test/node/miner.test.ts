/** The miner loop: a proof-of-work search that fails at once is retried with a growing pause, logged once. */
import { afterEach, describe, expect, it } from 'vitest';
import { systemRng } from '../../src/crypto/rng.js';
import { txJson } from '../../src/ledger/authority/tx.js';
import { lfail } from '../../src/ledger/errors.js';
import type { PowSearch } from '../../src/ledger/pow.js';
import { MinerService } from '../../src/node/miner.js';
import { submitLocal } from '../../src/node/node.js';
import { type NodeLogger, pause, silentLogger } from '../../src/node/service.js';
import { keyPair, now, type TestNet, testNet, tx } from './helpers.js';

let t: TestNet | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('miner', () => {
  it('backs off after a search that fails at once, and logs the failure once', async () => {
    t = testNet();
    const node = await t.up({ name: 'o', roles: ['observer'] });
    const [r] = await submitLocal(node, [txJson(tx(keyPair('a'), 'note', { text: 'x' }))]);
    expect(r?.ok).toBe(true);
    let searches = 0;
    const broken: PowSearch = async () => {
      searches++;
      return lfail('MINING_ABORTED', 'no worker');
    };
    const errors: string[] = [];
    const logger: NodeLogger = { ...silentLogger, error: (_o, msg) => errors.push(msg) };
    const miner = new MinerService(node.chain, {
      name: 'm',
      search: broken,
      now,
      rng: systemRng,
      logger,
      batchMs: 0,
    });
    await miner.start();
    await pause(800);
    await miner.stop();
    // 50 + 100 + 200 + 400 ms of backoff fit in 800 ms: a handful of searches, not thousands.
    expect(searches).toBeGreaterThanOrEqual(2);
    expect(searches).toBeLessThanOrEqual(6);
    expect(errors).toHaveLength(1);
    expect(miner.stats.blocks).toBe(0);
  });
});
