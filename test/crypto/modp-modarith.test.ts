import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modPowBig } from '../../src/crypto/bytes.js';
import { bigintEngine, jacobi, multiPowBig, slidingWindowPow } from '../../src/crypto/modarith.js';
import { opensslAcceptsModulus, opensslEngine } from '../../src/crypto/node/openssl-modpow.js';
import { CryptoUsageError } from '../../src/crypto/result.js';

const openssl = opensslEngine();

/** Moduli around every limit the OpenSSL engine cares about. */
const MODULI: Record<string, bigint> = {
  one: 1n,
  two: 2n,
  small: 1000003n,
  odd511: 2n ** 510n + 12345n,
  odd512: 2n ** 511n + 111n,
  odd513: 2n ** 512n + 3n,
  even2048: 2n ** 2047n + 10n,
  odd2048: 2n ** 2047n + 2n ** 1000n + 1n,
  allOnes2048: 2n ** 2048n - 1n,
  composite6144: (2n ** 3071n + 2n ** 77n + 1n) * (2n ** 3071n + 2n ** 12n + 3n),
  odd10000: 2n ** 9999n + 1n,
  odd10001: 2n ** 10000n + 1n,
};

function edgeBases(m: bigint): bigint[] {
  return [0n, 1n, 2n, 3n, m - 2n, m - 1n, m, m + 1n, m + 2n, 2n * m - 1n, -1n, -2n, -m, -m - 1n, m * m + 5n];
}
const EDGE_EXPS = [0n, 1n, 2n, 3n, 2n ** 64n, 2n ** 255n + 1n, 2n ** 2048n + 7n, 2n ** 6000n - 1n];

describe('modular exponentiation engines', () => {
  it('sliding window agrees with square-and-multiply on every edge value', () => {
    for (const m of Object.values(MODULI)) {
      for (const b of edgeBases(m)) {
        for (const e of EDGE_EXPS.slice(0, 6)) {
          expect(slidingWindowPow(b, e, m)).toBe(modPowBig(b, e, m));
        }
      }
    }
  });

  it('OpenSSL engine agrees with BigInt on every edge value, including the ones it refuses', () => {
    for (const [label, m] of Object.entries(MODULI)) {
      for (const b of edgeBases(m)) {
        for (const e of EDGE_EXPS) {
          if (m.toString(2).length > 7000 && e > 2n ** 300n) continue; // keep the reference fast
          const want = bigintEngine.pow(b, e, m);
          expect(openssl.pow(b, e, m), `${label} b=${b % 1000n} e=${e % 1000n}`).toBe(want);
        }
      }
    }
  });

  it('OpenSSL engine recomputes the results OpenSSL refuses (0, 1 and m − 1)', () => {
    const m1 = 2n ** 2048n - 1n; // 2^2048 ≡ 1
    expect(openssl.pow(2n, 2048n, m1)).toBe(1n);
    expect(openssl.pow(2n, 2n ** 64n, m1)).toBe(1n);
    expect(openssl.pow(2n, 2049n, m1)).toBe(2n);
    const m2 = 2n ** 2048n + 1n; // 2^2048 ≡ −1
    expect(openssl.pow(2n, 2048n, m2)).toBe(m2 - 1n);
    expect(openssl.pow(4n, 1024n, m2)).toBe(m2 - 1n);
    const m3 = 3n ** 1300n; // 3^1300 ≡ 0
    expect(openssl.pow(3n, 1400n, m3)).toBe(0n);
    expect(openssl.pow(3n, 1299n, m3)).toBe(3n ** 1299n);
    expect(openssl.pow(3n + m3, 1300n, m3)).toBe(0n);
  });

  it('keeps working when more moduli are used than its cache holds', () => {
    const engine = opensslEngine();
    for (let i = 0n; i < 80n; i++) {
      const m = 2n ** 600n + 2n * i + 1n;
      expect(engine.pow(3n, 2n ** 100n + i, m)).toBe(modPowBig(3n, 2n ** 100n + i, m));
    }
  });

  it('knows which moduli OpenSSL accepts', () => {
    expect(opensslAcceptsModulus(MODULI.odd511!)).toBe(false);
    expect(opensslAcceptsModulus(MODULI.odd512!)).toBe(true);
    expect(opensslAcceptsModulus(MODULI.even2048!)).toBe(false);
    expect(opensslAcceptsModulus(MODULI.composite6144!)).toBe(true);
    expect(opensslAcceptsModulus(MODULI.odd10000!)).toBe(true);
    expect(opensslAcceptsModulus(MODULI.odd10001!)).toBe(false);
  });

  it('rejects negative exponents and moduli below 1 as programming errors', () => {
    for (const engine of [bigintEngine, openssl]) {
      expect(() => engine.pow(2n, -1n, 7n)).toThrow(CryptoUsageError);
      expect(() => engine.pow(2n, 1n, 0n)).toThrow(CryptoUsageError);
      expect(() => engine.pow(2n, 1n, -7n)).toThrow(CryptoUsageError);
    }
  });

  it('OpenSSL agrees with BigInt on random values (property)', () => {
    const big = (bits: number) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) - 1n });
    fc.assert(
      fc.property(big(2100), big(700), big(2048), (b, e, m0) => {
        const m = m0 | 1n | (2n ** 2047n);
        expect(openssl.pow(b, e, m)).toBe(modPowBig(b, e, m));
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(big(600), big(600), big(600), (b, e, m0) => {
        const m = m0 + 1n; // any modulus ≥ 1, often even or short
        expect(openssl.pow(b, e, m)).toBe(modPowBig(b, e, m));
      }),
      { numRuns: 100 },
    );
  });

  it('multiPow equals the product of single exponentiations on both engines', () => {
    const big = (bits: number) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) - 1n });
    fc.assert(
      fc.property(fc.array(fc.tuple(big(1100), big(1100)), { maxLength: 4 }), big(1024), (pairs, m0) => {
        const m = m0 | 1n | (2n ** 1023n);
        const bases = pairs.map(([b]) => b);
        const exps = pairs.map(([, e]) => e);
        let want = 1n % m;
        for (const [b, e] of pairs) want = (want * modPowBig(b, e, m)) % m;
        expect(multiPowBig(bases, exps, m)).toBe(want);
        expect(bigintEngine.multiPow(bases, exps, m)).toBe(want);
        expect(openssl.multiPow(bases, exps, m)).toBe(want);
        expect(openssl.multiPow(bases, exps, 1000003n)).toBe(multiPowBig(bases, exps, 1000003n));
      }),
      { numRuns: 40 },
    );
    expect(multiPowBig([], [], 7n)).toBe(1n);
    expect(multiPowBig([5n], [3n], 1n)).toBe(0n);
    expect(() => multiPowBig([5n], [], 7n)).toThrow(CryptoUsageError);
    expect(() => openssl.multiPow([5n], [], 7n)).toThrow(CryptoUsageError);
  });

  it("Jacobi symbol matches Euler's criterion modulo primes and is multiplicative in n", () => {
    const primes = [3n, 5n, 7n, 11n, 1000003n, 17438328590041642007n];
    for (const p of primes) {
      for (let a = -3n; a < 40n; a++) {
        const euler = modPowBig(a, (p - 1n) / 2n, p);
        const want = euler === 0n ? 0 : euler === 1n ? 1 : -1;
        expect(jacobi(a, p)).toBe(want);
      }
    }
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (a) => {
        expect(jacobi(a, 15n * 1000003n)).toBe(jacobi(a, 15n) * jacobi(a, 1000003n) || 0);
      }),
    );
    expect(jacobi(5n, 1n)).toBe(1);
    expect(() => jacobi(3n, 8n)).toThrow(CryptoUsageError);
    expect(() => jacobi(3n, -7n)).toThrow(CryptoUsageError);
  });
});
