import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DlogSolver } from '../../src/crypto/dlog.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';

const G = nobleRistretto();
const M = pureModp('modp-test64');

describe('DlogSolver', () => {
  test('solves every value up to a small bound and nothing above it', () => {
    const s = new DlogSolver(G, 300n);
    expect(s.tableSize).toBe(18);
    for (let x = 0n; x <= 300n; x += 1n) expect(s.solve(G.expG(x))).toEqual({ ok: true, value: x });
    expect(s.solve(G.expG(301n))).toMatchObject({ ok: false, code: 'DLOG_NOT_FOUND' });
    expect(s.solve(G.expG(G.q - 1n))).toMatchObject({ ok: false, code: 'DLOG_NOT_FOUND' });
  });

  test('one table serves many solves; a custom table size works', () => {
    const s = new DlogSolver(G, 100_000n, 1000);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000n }), (x) => {
        expect(s.solve(G.expG(x))).toEqual({ ok: true, value: x });
      }),
      { numRuns: 30 },
    );
  });

  test('bound 10^9: a value near the bound, then above it', () => {
    const bound = 10n ** 9n;
    const s = new DlogSolver(G, bound);
    expect(s.tableSize).toBe(31623);
    const t0 = performance.now();
    expect(s.solve(G.expG(bound - 12345n))).toEqual({ ok: true, value: bound - 12345n });
    expect(s.solve(G.expG(7n))).toEqual({ ok: true, value: 7n });
    // Loose: table build plus one full walk on the pure-JS backend.
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(s.solve(G.expG(bound + 1n))).toMatchObject({ ok: false, code: 'DLOG_NOT_FOUND' });
  });

  test('rejects impossible bounds', () => {
    expect(() => new DlogSolver(G, -1n)).toThrow();
    expect(() => new DlogSolver(G, G.q)).toThrow();
    expect(() => new DlogSolver(G, 10n, 0)).toThrow();
  });
});

describe('DlogSolver over modp-test64', () => {
  test('small and near-bound values', () => {
    const s = new DlogSolver(M, 10n ** 9n);
    for (const x of [0n, 1n, 31622n, 31623n, 10n ** 9n - 1n, 10n ** 9n])
      expect(s.solve(M.expG(x))).toEqual({ ok: true, value: x });
    expect(s.solve(M.expG(10n ** 9n + 1n))).toMatchObject({ ok: false, code: 'DLOG_NOT_FOUND' });
  });
});
