/**
 * Timings of the modp and Paillier building blocks. Skipped unless PNYX_TIMING=1, because timings on a
 * shared machine are not assertions: `PNYX_TIMING=1 npx vitest run test/crypto/modp-timing.test.ts`.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { fixedBaseTable } from '../../src/crypto/group/modp/fixed-base.js';
import { MODP2048, MODP3072 } from '../../src/crypto/group/modp/params.js';
import { bigintEngine, jacobi } from '../../src/crypto/modarith.js';
import { opensslEngine } from '../../src/crypto/node/openssl-modpow.js';

const eng = opensslEngine();
const rnd = (bits: number) =>
  BigInt(`0x${randomBytes(Math.ceil(bits / 8)).toString('hex')}`) >> BigInt(8 * Math.ceil(bits / 8) - bits);

/** Mean time per call over `n` calls, as the best of 5 batches (the machine is shared; the minimum is the least disturbed). */
function time(label: string, n: number, f: (i: number) => unknown): number {
  f(0);
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 5; batch++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f(i);
    best = Math.min(best, (performance.now() - t) / n);
  }
  console.log(`${label}: ${best.toFixed(3)} ms`);
  return best;
}

describe.skipIf(!process.env.PNYX_TIMING)('timings', () => {
  it('modular exponentiation', () => {
    const e256 = Array.from({ length: 200 }, () => rnd(256));
    const e2047 = Array.from({ length: 50 }, () => rnd(2047));
    const b = rnd(2040);
    time('2048-bit modulus, 256-bit exponent, openssl', 200, (i) => eng.pow(b, e256[i]!, MODP2048.p));
    time('2048-bit modulus, 256-bit exponent, bigint', 50, (i) => bigintEngine.pow(b, e256[i]!, MODP2048.p));
    time('2048-bit modulus, 2047-bit exponent, openssl', 50, (i) => eng.pow(b, e2047[i]!, MODP2048.p));
    time('2048-bit modulus, 2047-bit exponent, bigint', 10, (i) =>
      bigintEngine.pow(b, e2047[i]!, MODP2048.p),
    );
    const n2 = (rnd(3072) | 1n | (1n << 3071n)) ** 2n;
    const e3072 = Array.from({ length: 20 }, () => rnd(3072));
    const b6 = rnd(6000);
    time('6144-bit modulus, 3072-bit exponent, openssl', 20, (i) => eng.pow(b6, e3072[i]!, n2));
    time('6144-bit modulus, 3072-bit exponent, bigint', 3, (i) => bigintEngine.pow(b6, e3072[i]!, n2));
  });

  it('fixed-base tables and membership', () => {
    for (const P of [MODP2048, MODP3072]) {
      const bits = P.q.toString(2).length;
      const ks = Array.from({ length: 50 }, () => rnd(bits) % P.q);
      time(`${P.name} g^k openssl`, 50, (i) => eng.pow(P.g, ks[i]!, P.p));
      time(`${P.name} g^k bigint`, 10, (i) => bigintEngine.pow(P.g, ks[i]!, P.p));
      for (const w of [4, 6, 8]) {
        const t = performance.now();
        const T = fixedBaseTable(P.g, P.p, bits, w);
        console.log(`${P.name} table w=${w} build: ${(performance.now() - t).toFixed(0)} ms`);
        time(`${P.name} g^k table w=${w}`, 50, (i) => T.pow(ks[i]!));
      }
      const xs = ks.map((k) => eng.pow(3n, k, P.p));
      time(`${P.name} membership by Jacobi symbol`, 50, (i) => jacobi(xs[i]!, P.p));
      time(`${P.name} membership by x^q, openssl`, 50, (i) => eng.pow(xs[i]!, P.q, P.p));
    }
  });
});
