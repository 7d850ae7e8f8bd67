import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockId, blockText, leadingZeroBits, meetsPow } from '../../src/ledger/block.js';
import { workerPowSearch } from '../../src/ledger/node/pow-worker.js';
import { powTemplate, searchNonceSync } from '../../src/ledger/pow.js';
import { type KernelMessage, powKernel } from '../../src/ledger/pow-kernel.js';

const base = {
  parent_id: 'ab'.repeat(32),
  miner_name: 'miner-é',
  content: { height: 1, time: 1_700_000_000_000, txs: [{ a: 'x'.repeat(500) }] },
};

describe('proof of work', () => {
  it('counts leading zero bits of hex ids', () => {
    expect(leadingZeroBits('f'.repeat(64))).toBe(0);
    expect(leadingZeroBits(`0${'f'.repeat(63)}`)).toBe(4);
    expect(leadingZeroBits(`01${'f'.repeat(62)}`)).toBe(7);
    expect(leadingZeroBits(`08${'0'.repeat(62)}`)).toBe(4);
    expect(leadingZeroBits('0'.repeat(64))).toBe(256);
    expect(meetsPow(`001${'f'.repeat(61)}`, 11)).toBe(true);
    expect(meetsPow(`001${'f'.repeat(61)}`, 12)).toBe(false);
  });

  it('splits the canonical text around the nonce', () => {
    const t = powTemplate(base);
    expect(`${t.prefix}12345${t.suffix}`).toBe(blockText({ ...base, nonce: 12345 }));
  });

  it('kernel finds the first nonce the reference finds, across block boundaries and digit counts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 150 }),
        fc.constantFrom(0, 7, 95, 990, 9995, 2 ** 31 - 40),
        fc.integer({ min: 0, max: 7 }),
        (prefix, suffix, start, hardness) => {
          let got: KernelMessage | undefined;
          powKernel({ prefix, suffix, hardness, start, end: start + 5000, reportMs: 1e9 }, (m) => {
            got = m;
          });
          let want: number | undefined;
          for (let n = start; n < start + 5000 && want === undefined; n++) {
            const id = createHash('sha256').update(`${prefix}${n}${suffix}`).digest('hex');
            if (meetsPow(id, hardness)) want = n;
          }
          expect(got?.type === 'found' ? got.nonce : undefined).toBe(want);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds a nonce in a worker that the reference accepts', async () => {
    const search = workerPowSearch({ threads: 2 });
    const r = await search({ template: powTemplate(base), hardness: 12, start: 0, end: 2 ** 31 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const id = blockId({ ...base, nonce: r.value.nonce });
    expect(id).toBe(r.value.id);
    expect(meetsPow(id, 12)).toBe(true);
    const ref = searchNonceSync(base, 12, 0, r.value.nonce + 1);
    expect(ref.ok && ref.value.nonce <= r.value.nonce).toBe(true);
  });

  it('reports exhaustion of a range', async () => {
    const r = await workerPowSearch()({ template: powTemplate(base), hardness: 40, start: 0, end: 1000 });
    expect(r.ok ? 'found' : r.code).toBe('MINING_EXHAUSTED');
  });

  it('aborts a search and measures hashes per second', async () => {
    const ac = new AbortController();
    const rates: number[] = [];
    const p = workerPowSearch({ threads: 1, reportMs: 100 })(
      { template: powTemplate(base), hardness: 60, start: 0, end: 2 ** 40 },
      { signal: ac.signal, onProgress: (pr) => rates.push(pr.rate) },
    );
    setTimeout(() => ac.abort(), 1200);
    const r = await p;
    expect(r.ok ? 'found' : r.code).toBe('MINING_ABORTED');
    expect(rates.length).toBeGreaterThan(0);
    console.log(`miner: ${Math.round(rates.at(-1)!)} hashes/s on one thread`);
  });

  it('reuses its workers: an aborted search stops them and the next searches run on the same threads', async () => {
    const search = workerPowSearch({ threads: 2, reportMs: 50 });
    const ac = new AbortController();
    const long = search(
      { template: powTemplate(base), hardness: 60, start: 0, end: 2 ** 40 },
      { signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 200);
    expect((await long).ok ? 'found' : 'aborted').toBe('aborted');
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) {
      const b = { ...base, miner_name: `m${i}` };
      const r = await search({ template: powTemplate(b), hardness: 6, start: 0, end: 2 ** 31 });
      expect(r.ok && blockId({ ...b, nonce: r.value.nonce }) === r.value.id && meetsPow(r.value.id, 6)).toBe(
        true,
      );
    }
    console.log(`20 searches at hardness 6 on kept workers: ${Math.round(performance.now() - t0)} ms`);
  });
});
