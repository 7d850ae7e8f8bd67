/**
 * The node's path of a ballot: mempool admission, block building by the miner, block checks, pruning —
 * each cast is checked once in the process (the cast cache), and a ballot still pending at the close
 * is never mined.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/crypto/encoding/hash.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { ok } from '../../../src/crypto/result.js';
import { Mempool } from '../../../src/ledger/authority/mempool.js';
import { mineBlock } from '../../../src/ledger/authority/miner.js';
import { txJson } from '../../../src/ledger/authority/tx.js';
import { CastCache, type ElectionEnv } from '../../../src/ledger/election/index.js';
import { MemoryStore } from '../../../src/ledger/memory-store.js';
import type { PowSearch } from '../../../src/ledger/pow.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  CLOSES,
  definition,
  ed,
  Harness,
  OPENS,
  plain,
  REGISTRAR,
  runThresholdCeremony,
  VOTERS,
} from './harness.js';

const G = await loadFastRistretto();
const rng = seededRng('election-ledger-node-path');

/** Hardness 0: the first nonce is a solution. */
const search: PowSearch = async (job) => {
  const id = sha256Hex(`${job.template.prefix}${job.start}${job.template.suffix}`);
  return ok({ nonce: job.start, id, hashes: 1, ms: 0 });
};

describe('ballots through the mempool and the miner', () => {
  it('check each cast once, and never mine a ballot after the close', async () => {
    const cache = new CastCache();
    const env: ElectionEnv = { ed, groups: { ristretto255: G }, cache };
    const def = definition();
    const h = await Harness.create(env, def, true);
    await runThresholdCeremony(h, G, rng);
    const voters = VOTERS.slice(0, 4);
    const fp = h.state().setup!.fingerprint;
    const record = createVoterKeys(
      ed,
      REGISTRAR.sk,
      fp,
      voters.map((v) => ({ key: v.pk, boxes: ['box-a', 'box-b'] })),
    );
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    const pool = await Mempool.open(h.ledger, {
      registry: h.registry,
      ed,
      store: new MemoryStore(),
      now: () => h.clock,
    });

    h.clock = OPENS + 10;
    const casts = voters.slice(0, 3).map((v, i) => h.cast(v, plain(i, true, [i]), rng));
    const before = cache.misses;
    for (const c of casts)
      for (const b of BOXES.slice(0, 2)) expect((await pool.add(txJson(h.attest(b, c)))).ok).toBe(true);
    h.clock += 1000;
    const mined = await mineBlock(h.ledger, pool, { minerName: 'm', search, now: () => h.clock });
    expect(mined.ok).toBe(true);
    expect(pool.size).toBe(0);
    expect(h.view().counted.length).toBe(3);
    expect(cache.misses - before).toBe(3); // admission, pool state, block building, block check: once each

    // A ballot still pending when voting closes is not mined, and pruning drops it.
    const late = h.cast(voters[3]!, plain(4, false, [3]), rng);
    expect((await pool.add(txJson(h.attest(BOXES[0]!, late)))).ok).toBe(true);
    h.clock = CLOSES;
    const none = await mineBlock(h.ledger, pool, { minerName: 'm', search, now: () => h.clock });
    expect(none).toMatchObject({ ok: false, code: 'MINING_ABORTED' });
    await pool.prune();
    expect(pool.size).toBe(0);
  });
});
