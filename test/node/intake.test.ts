/** Transaction intake: a repeat, pending or on the main chain, never reaches a signature check. */
import { afterEach, describe, expect, it } from 'vitest';
import { txJson } from '../../src/ledger/authority/tx.js';
import { LOCAL } from '../../src/node/chain.js';
import { TxIntake } from '../../src/node/intake.js';
import type { SignatureJob, VerifyPool } from '../../src/node/verify-pool.js';
import { child } from '../ledger/helpers.js';
import { ed, GENESIS_ID, keyPair, type TestNet, testNet, tx } from './helpers.js';

let t: TestNet | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A pool on the main thread that counts the signatures it is asked to check. */
function countingPool(): VerifyPool & { jobs: number } {
  const p = {
    jobs: 0,
    verify: async (jobs: readonly SignatureJob[]) => {
      p.jobs += jobs.length;
      return jobs.map((j) => ed.verify(j.publicKey, j.message, j.signature));
    },
    verifyPage: async () => new Set<string>(), // in-memory peers send no text
    close: async () => undefined,
  };
  return p;
}

describe('transaction intake', () => {
  it('sends each new signature to the pool once and repeats not at all', async () => {
    t = testNet();
    const node = await t.up({ name: 'o', roles: ['observer'] });
    const pool = countingPool();
    const intake = new TxIntake(node.chain, { pool });
    const notes = Array.from({ length: 10 }, (_, i) => tx(keyPair(`k${i}`), 'note', { text: `n${i}` }));
    // One transaction eight times in one batch: one signature check.
    const same = Array.from({ length: 8 }, () => txJson(notes[0]!));
    const rs = await intake.submit(same, LOCAL);
    expect(rs.map((r) => r.ok && r.value.status)).toEqual(['added', ...Array(7).fill('known')]);
    expect(pool.jobs).toBe(1);
    // Pending repeats: none.
    await intake.submit([...same, ...same], LOCAL);
    expect(pool.jobs).toBe(1);
    // On the main chain (never pending here): refused as duplicates without a signature check.
    const mined = notes.slice(1);
    const b = child({ id: GENESIS_ID, height: 0 }, mined);
    expect((await node.chain.addBlock(b.json, LOCAL)).ok).toBe(true);
    const again = await intake.submit(mined.map(txJson), LOCAL);
    expect(again.every((r) => !r.ok && r.code === 'TX_DUPLICATE')).toBe(true);
    expect(pool.jobs).toBe(1);
  });
});
