/**
 * Timings of 3072-bit Paillier. Skipped unless PNYX_TIMING=1:
 * `PNYX_TIMING=1 npx vitest run test/crypto/paillier-timing.test.ts`.
 */
import { describe, it } from 'vitest';
import { bigintEngine } from '../../src/crypto/modarith.js';
import { opensslEngine } from '../../src/crypto/node/openssl-modpow.js';
import { opensslPrime } from '../../src/crypto/node/openssl-primes.js';
import {
  checkDecryption,
  checkKeyWellFormed,
  checkZeroOne,
  generatePaillierKey,
  paillier,
  proveDecryption,
  proveKeyWellFormed,
  proveZeroOne,
} from '../../src/crypto/paillier/index.js';
import { systemRng } from '../../src/crypto/rng.js';

/** Mean time per call over `n` calls, as the best of 5 batches (the machine is shared; the minimum is the least disturbed). */
function time(label: string, n: number, f: (i: number) => unknown): number {
  f(0);
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < 5; batch++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f(i);
    best = Math.min(best, (performance.now() - t) / n);
  }
  console.log(`${label}: ${best.toFixed(2)} ms`);
  return best;
}

describe.skipIf(!process.env.PNYX_TIMING)('Paillier timings', () => {
  it('3072-bit key', () => {
    let t = performance.now();
    const sk = generatePaillierKey(opensslPrime);
    console.log(`keygen (OpenSSL primes): ${(performance.now() - t).toFixed(0)} ms`);
    const pk = sk.publicKey;
    const ctx = { fingerprint: '00'.repeat(32) };
    for (const [name, P, n] of [
      ['openssl', paillier(opensslEngine()), 8],
      ['bigint', paillier(bigintEngine), 2],
    ] as const) {
      const encs = Array.from({ length: n + 1 }, (_, i) => P.encrypt(pk, BigInt(i & 1), systemRng));
      time(`${name} encrypt`, n, (i) => P.encrypt(pk, BigInt(i & 1), systemRng));
      time(`${name} decrypt`, n, (i) => P.decrypt(sk, encs[i]!.c));
      const proofs = encs.map((e, i) => proveZeroOne(P, pk, ctx, e.c, (i & 1) as 0 | 1, e.r, systemRng));
      time(`${name} 0/1 proof create`, n, (i) =>
        proveZeroOne(P, pk, ctx, encs[i]!.c, (i & 1) as 0 | 1, encs[i]!.r, systemRng),
      );
      time(`${name} 0/1 proof verify`, n, (i) => {
        if (!checkZeroOne(P, pk, ctx, encs[i]!.c, proofs[i]!).ok) throw new Error('bad proof');
      });
      const dec = encs.map((e) => proveDecryption(P, sk, e.c));
      time(`${name} decryption proof create`, n, (i) => proveDecryption(P, sk, encs[i]!.c));
      time(`${name} decryption proof verify`, n, (i) => checkDecryption(P, pk, encs[i]!.c, dec[i]!));
      const kp = proveKeyWellFormed(P, sk, ctx);
      time(`${name} key proof create`, 1, () => proveKeyWellFormed(P, sk, ctx));
      time(`${name} key proof verify`, 1, () => checkKeyWellFormed(P, pk, ctx, kp));
    }
    t = performance.now();
  });
});
