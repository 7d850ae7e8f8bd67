import { checkPrimeSync, createDiffieHellmanGroup } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitLength, modPowBig } from '../../src/crypto/bytes.js';
import { MODP_GROUPS, MODP2048, MODP3072 } from '../../src/crypto/group/modp/params.js';
import { jacobi } from '../../src/crypto/modarith.js';

/** RFC 3526 gives each prime as p = 2^b − 2^(b−64) − 1 + 2^64·(⌊2^(b−130)·π⌋ + c); we check the form's fixed parts. */
describe('modp parameters', () => {
  it('RFC 3526 primes equal the ones OpenSSL ships (modp14, modp15)', () => {
    const hex = (name: string) => BigInt(`0x${createDiffieHellmanGroup(name).getPrime('hex')}`);
    expect(MODP2048.p).toBe(hex('modp14'));
    expect(MODP3072.p).toBe(hex('modp15'));
  });

  it('RFC 3526 primes have the published shape: 64 one bits at both ends, the stated size', () => {
    for (const [P, bits] of [
      [MODP2048, 2048],
      [MODP3072, 3072],
    ] as const) {
      expect(bitLength(P.p)).toBe(bits);
      expect(P.p >> BigInt(bits - 64)).toBe(2n ** 64n - 1n);
      expect(P.p & (2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    }
    // The 2048-bit prime in decimal's leading digits (RFC 3526 §3 gives p in hex; this pins the value).
    expect(MODP2048.p.toString().slice(0, 20)).toBe('32317006071311007300');
  });

  for (const P of Object.values(MODP_GROUPS)) {
    it(`${P.name}: p and q = (p − 1)/2 are prime, g generates the order-q subgroup`, () => {
      expect(P.q).toBe((P.p - 1n) / 2n);
      expect(checkPrimeSync(P.p, { checks: 32 })).toBe(true);
      expect(checkPrimeSync(P.q, { checks: 32 })).toBe(true);
      expect(P.p % 8n).toBe(7n); // hence 2 is a quadratic residue
      expect(P.g).toBe(2n);
      expect(jacobi(P.g, P.p)).toBe(1);
      expect(modPowBig(P.g, P.q, P.p)).toBe(1n); // order divides q, and g ≠ 1, so it is q
      expect(P.testOnly).toBe(P.name.startsWith('modp-test'));
    });
  }

  it('test groups have the sizes their names say', () => {
    expect(bitLength(MODP_GROUPS['modp-test64'].p)).toBe(64);
    expect(bitLength(MODP_GROUPS['modp-test128'].p)).toBe(128);
    expect(bitLength(MODP_GROUPS['modp-test256'].p)).toBe(256);
  });
});
