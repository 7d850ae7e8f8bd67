import { checkPrimeSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, modPowBig } from '../../src/crypto/bytes.js';
import { canonicalJson, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { opensslPrime } from '../../src/crypto/node/openssl-primes.js';
import {
  ciphertextFromJson,
  ciphertextToJson,
  generatePaillierKey,
  isProbablePrime,
  paillierPublicKey,
  publicKeyFromJson,
  publicKeyToJson,
  randomPrime,
  secretKeyFromJson,
  secretKeyFromPrimes,
  secretKeyToJson,
} from '../../src/crypto/paillier/index.js';
import { P_BIGINT, P_OPENSSL, rngFor, testKey } from './paillier-fixtures.js';

const failsWith = (r: { ok: boolean; code?: string }, code: string, what = '') => {
  expect(r.ok, what).toBe(false);
  expect(r.code, what).toBe(code);
};

describe('Paillier primes', () => {
  it('Miller–Rabin agrees with OpenSSL on small and structured numbers', () => {
    const rng = rngFor('mr');
    for (let n = 0n; n < 3000n; n++) expect(isProbablePrime(n, rng, 8)).toBe(n >= 2n && checkPrimeSync(n));
    // Carmichael numbers and a strong pseudoprime to bases 2 and 3.
    for (const n of [561n, 41041n, 825265n, 321197185n, 1373653n, 3215031751n])
      expect(isProbablePrime(n, rng)).toBe(false);
    expect(isProbablePrime(2n ** 127n - 1n, rng)).toBe(true);
    expect(isProbablePrime(2n ** 128n + 1n, rng)).toBe(false);
  });

  it('random primes have exactly the asked size with the top two bits set', () => {
    const rng = rngFor('rp');
    for (const bits of [16, 33, 128, 256]) {
      const p = randomPrime(bits, rng);
      expect(bitLength(p)).toBe(bits);
      expect(p >> BigInt(bits - 2)).toBe(3n);
      expect(checkPrimeSync(p)).toBe(true);
    }
    expect(() => randomPrime(8, rng)).toThrow();
  });
});

describe('Paillier keys', () => {
  it('builds consistent keys: n = pq of the right size, λ and μ as specified', () => {
    for (const bits of [512, 1024]) {
      const sk = testKey(bits);
      const { n, n2 } = sk.publicKey;
      expect(n).toBe(sk.p * sk.q);
      expect(n2).toBe(n * n);
      expect(bitLength(n)).toBe(bits);
      expect(bitLength(sk.p)).toBe(bits / 2);
      expect(checkPrimeSync(sk.p) && checkPrimeSync(sk.q)).toBe(true);
      expect(sk.lambda % (sk.p - 1n)).toBe(0n);
      expect(sk.lambda % (sk.q - 1n)).toBe(0n);
      // μ = (L(g^λ mod n²))⁻¹ mod n with g = n + 1.
      const L = (modPowBig(n + 1n, sk.lambda, n2) - 1n) / n;
      expect((L * sk.mu) % n).toBe(1n);
    }
  });

  it('round-trips public and secret keys through canonical JSON', () => {
    const sk = testKey(512);
    const text = canonicalJson(publicKeyToJson(sk.publicKey));
    expect(text).toBe(`{"n":${sk.publicKey.n}}`);
    const parsed = parseJson(text);
    expect(parsed.ok && publicKeyFromJson(parsed.value, 512)).toEqual({ ok: true, value: sk.publicKey });
    const back = secretKeyFromJson(secretKeyToJson(sk), 512);
    expect(back.ok && back.value.publicKey.n).toBe(sk.publicKey.n);
    expect(back.ok && back.value.mu).toBe(sk.mu);
  });

  it('rejects malformed keys with KEY_INVALID', () => {
    const sk = testKey(512);
    const n = sk.publicKey.n;
    for (const v of [
      null,
      [],
      { n: Number(7) },
      { n: n * 2n },
      { n: `${n}` },
      { n, x: 1 },
      {},
      { n: n * 3n },
      { n: -n },
      { n: 1 },
    ])
      failsWith(publicKeyFromJson(v, 256), 'KEY_INVALID', String(canonicalJson(v as never)).slice(0, 30));
    failsWith(publicKeyFromJson({ n }), 'KEY_INVALID'); // 512 bits is below the default minimum
    failsWith(paillierPublicKey(n * 997n, 256), 'KEY_INVALID'); // a small prime factor
    const [lo, hi] = sk.p < sk.q ? [sk.p, sk.q] : [sk.q, sk.p];
    failsWith(secretKeyFromJson({ p: hi, q: lo }, 256), 'KEY_INVALID'); // must be ordered
    failsWith(secretKeyFromJson({ p: sk.p, q: sk.p }, 256), 'KEY_INVALID');
    failsWith(secretKeyFromJson({ p: sk.p }, 256), 'KEY_INVALID');
    failsWith(secretKeyFromPrimes(2n, sk.q, 256), 'KEY_INVALID');
    // gcd(n, φ(n)) ≠ 1: q = 2p + 1 makes p divide q − 1.
    failsWith(secretKeyFromPrimes(1019n, 2039n, 16), 'KEY_INVALID');
  });

  it('generates a 3072-bit key with OpenSSL primes and round-trips a message', () => {
    const sk = generatePaillierKey(opensslPrime);
    const pk = sk.publicKey;
    expect(pk.bits).toBe(3072);
    const m = 123456789012345678901234567890n;
    const { c } = P_OPENSSL.encrypt(pk, m, rngFor('3072'));
    expect(P_OPENSSL.decrypt(sk, c)).toBe(m);
    const r = P_OPENSSL.recoverRandomness(sk, c);
    expect(P_OPENSSL.encryptWith(pk, m, r)).toBe(c);
  });
});

describe('Paillier encryption', () => {
  const sk = testKey(512);
  const pk = sk.publicKey;
  const plaintext = fc.bigInt({ min: 0n, max: pk.n - 1n });
  const unit = fc.bigInt({ min: 1n, max: pk.n - 1n }).filter((r) => r % sk.p !== 0n && r % sk.q !== 0n);

  it('decrypts what it encrypts, on both engines, and matches the textbook λ/μ formula', () => {
    fc.assert(
      fc.property(plaintext, unit, (m, r) => {
        const c = P_OPENSSL.encryptWith(pk, m, r);
        expect(P_BIGINT.encryptWith(pk, m, r)).toBe(c);
        expect(c).toBe((modPowBig(pk.n + 1n, m, pk.n2) * modPowBig(r, pk.n, pk.n2)) % pk.n2);
        expect(P_OPENSSL.decrypt(sk, c)).toBe(m);
        expect(P_BIGINT.decrypt(sk, c)).toBe(m);
        expect((((modPowBig(c, sk.lambda, pk.n2) - 1n) / pk.n) * sk.mu) % pk.n).toBe(m);
        expect(P_OPENSSL.recoverRandomness(sk, c)).toBe(r);
      }),
      { numRuns: 40 },
    );
  });

  it('adds homomorphically', () => {
    fc.assert(
      fc.property(fc.array(plaintext, { maxLength: 6 }), fc.integer(), (ms, seed) => {
        const rng = rngFor(`sum ${seed}`);
        const cs = ms.map((m) => P_OPENSSL.encrypt(pk, m, rng).c);
        const total = ms.reduce((a, b) => a + b, 0n) % pk.n;
        expect(P_OPENSSL.decrypt(sk, P_OPENSSL.sum(pk, cs))).toBe(total);
        if (cs.length >= 2)
          expect(P_OPENSSL.decrypt(sk, P_OPENSSL.add(pk, cs[0]!, cs[1]!))).toBe((ms[0]! + ms[1]!) % pk.n);
      }),
      { numRuns: 30 },
    );
    expect(P_OPENSSL.sum(pk, [])).toBe(1n);
    expect(P_OPENSSL.decrypt(sk, 1n)).toBe(0n);
  });

  it('samples randomness in Z_n^* and refuses out-of-range plaintexts and randomness', () => {
    const rng = rngFor('units');
    for (let i = 0; i < 20; i++) {
      const r = P_OPENSSL.randomUnit(pk, rng);
      expect(r >= 1n && r < pk.n).toBe(true);
    }
    expect(() => P_OPENSSL.encryptWith(pk, pk.n, 5n)).toThrow();
    expect(() => P_OPENSSL.encryptWith(pk, -1n, 5n)).toThrow();
    expect(() => P_OPENSSL.encryptWith(pk, 1n, 0n)).toThrow();
    expect(() => P_OPENSSL.encryptWith(pk, 1n, pk.n)).toThrow();
  });

  it('round-trips ciphertexts through JSON and rejects non-units and garbage with CIPHERTEXT_INVALID', () => {
    const { c } = P_OPENSSL.encrypt(pk, 5n, rngFor('json'));
    const parsed = parseJson(canonicalJson(ciphertextToJson(c)));
    expect(parsed.ok && ciphertextFromJson(pk, parsed.value)).toEqual({ ok: true, value: c });
    for (const v of [0, 0n, -1, pk.n2, pk.n2 + 1n, sk.p, sk.q * 7n, pk.n, `${c}`, 1.5, null, [c], { c }])
      failsWith(ciphertextFromJson(pk, v), 'CIPHERTEXT_INVALID');
    fc.assert(
      fc.property(fc.bigInt({ min: -10n, max: pk.n2 + 10n }), (x) => {
        const r = ciphertextFromJson(pk, x);
        const unit = x >= 1n && x < pk.n2 && x % sk.p !== 0n && x % sk.q !== 0n;
        expect(r.ok).toBe(unit);
      }),
      { numRuns: 200 },
    );
  });
});
