import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigToBytesBE } from '../../src/crypto/bytes.js';
import { canonicalJson, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { fixedBaseTable } from '../../src/crypto/group/modp/fixed-base.js';
import {
  MODP_GROUPS,
  type ModpGroup,
  type ModpName,
  modpGroup,
  pureModp,
} from '../../src/crypto/group/modp/index.js';
import { bigintEngine } from '../../src/crypto/modarith.js';
import { opensslModp } from '../../src/crypto/node/modp.js';
import { describeGroupCompliance } from './group-compliance.js';

/** Encodings of the right length that are not group elements. */
function nonMembers(G: ModpGroup): [string, Uint8Array][] {
  const enc = (x: bigint) => bigToBytesBE(x, G.elementBytes);
  return [
    ['zero', enc(0n)],
    ['p', enc(G.p)],
    ['p + 1', enc(G.p + 1n)],
    ['p − 1 (a non-residue, p ≡ 3 mod 4)', enc(G.p - 1n)],
    ['a non-residue: p − g', enc(G.p - G.g)],
  ];
}

const TEST_GROUPS: ModpName[] = ['modp-test64', 'modp-test128', 'modp-test256'];
for (const name of TEST_GROUPS) {
  describeGroupCompliance(`${name} (bigint)`, async () => pureModp(name), {
    invalidEncodings: nonMembers(pureModp(name)),
  });
}
describeGroupCompliance('modp2048 (bigint)', async () => pureModp('modp2048'), {
  numRuns: 10,
  invalidEncodings: nonMembers(pureModp('modp2048')),
});

describe('modp groups: specifics', () => {
  it('JSON form is an integer (number when safe, bigint otherwise) and survives parseJson', () => {
    const G = pureModp('modp-test64');
    expect(G.toJson(G.g)).toBe(2);
    expect(G.fromJson(2n)).toEqual({ ok: true, value: 2n });
    expect(G.fromJson(2)).toEqual({ ok: true, value: 2n });
    const big = G.expG(123456789n);
    const parsed = parseJson(canonicalJson(G.toJson(big)));
    expect(parsed.ok && G.fromJson(parsed.value)).toEqual({ ok: true, value: big });
  });

  it('rejects non-members and non-integers in fromJson with ELEMENT_INVALID', () => {
    const G = pureModp('modp-test128');
    for (const v of [0, -1, G.p, G.p + 1n, G.p - 1n, '4', 4.5, null, [4], { x: 4 }]) {
      const r = G.fromJson(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('ELEMENT_INVALID');
    }
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: G.p - 1n }), (x) => {
        const r = G.fromJson(x);
        expect(r.ok).toBe(G.engine.pow(x, G.q, G.p) === 1n); // Jacobi agrees with Euler's criterion
      }),
      { numRuns: 200 },
    );
  });

  it('reduces exponents ≥ q (exact for elements of order q) and refuses negative ones', () => {
    const G = pureModp('modp-test64');
    const a = G.expG(99n);
    expect(G.exp(a, G.q + 5n)).toBe(G.exp(a, 5n));
    expect(G.expG(2n * G.q + 7n)).toBe(G.expG(7n));
    expect(() => G.exp(a, -1n)).toThrow();
  });

  it('fixed-base tables agree with plain exponentiation', () => {
    const G = pureModp('modp-test256');
    const pk = G.expG(987654321n);
    const powPk = G.fixedBase(pk);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: G.q - 1n }), (k) => {
        expect(powPk(k)).toBe(bigintEngine.pow(pk, k, G.p));
      }),
    );
    for (const w of [1, 3, 5, 8]) {
      const t = fixedBaseTable(pk, G.p, 255, w);
      for (const k of [0n, 1n, 2n, G.q - 1n, 2n ** 254n]) expect(t.pow(k)).toBe(bigintEngine.pow(pk, k, G.p));
    }
    const noTables = modpGroup(MODP_GROUPS['modp-test256'], bigintEngine, { fixedBaseTables: false });
    expect(noTables.fixedBase(pk)(12345n)).toBe(powPk(12345n));
    expect(noTables.expG(12345n)).toBe(G.expG(12345n));
  });

  it('keeps fixed-base tables correct when the shared cache evicts', () => {
    const G = pureModp('modp-test64');
    const bases = Array.from({ length: 12 }, (_, i) => G.expG(BigInt(1000 + i)));
    const pows = bases.map((b) => G.fixedBase(b));
    const fresh = modpGroup(MODP_GROUPS['modp-test64'], bigintEngine); // another instance shares the tables
    for (let i = 0; i < bases.length; i++) {
      expect(pows[i]!(77n)).toBe(bigintEngine.pow(bases[i]!, 77n, G.p));
      expect(fresh.fixedBase(bases[i]!)(78n)).toBe(bigintEngine.pow(bases[i]!, 78n, G.p));
    }
    expect(fresh.expG(5n)).toBe(G.expG(5n));
  });

  it('OpenSSL groups are shared instances and report their backend', () => {
    expect(opensslModp('modp2048')).toBe(opensslModp('modp2048'));
    expect(opensslModp('modp2048').backend).toBe('openssl');
    expect(pureModp('modp2048').backend).toBe('bigint');
  });
});
