import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addCiphertexts,
  ciphertextFromJson,
  ciphertextToJson,
  decryptToElement,
  encrypt,
  sumCiphertexts,
} from '../../src/crypto/elgamal.js';
import type { Group } from '../../src/crypto/group/group.js';
import { pureModp } from '../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../src/crypto/group/ristretto/noble.js';
import { unwrap } from '../../src/crypto/result.js';
import { seededRng } from './proofs-fixtures.js';

function suite<E>(G: Group<E>): void {
  describe(`ElGamal over ${G.name} (${G.backend})`, () => {
    const rng = seededRng(`elgamal-${G.name}`);
    const sk = G.randomScalar(rng);
    const pk = G.expG(sk);
    const scalar = fc.bigInt({ min: 0n, max: G.q - 1n });

    test('decrypt ∘ encrypt = g^m', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 1000n }), scalar, (m, r) => {
          expect(G.eq(decryptToElement(G, encrypt(G, pk, m, r), sk), G.expG(m))).toBe(true);
        }),
        { numRuns: 20 },
      );
    });

    test('products of ciphertexts encrypt sums', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 50n }), scalar), { maxLength: 5 }),
          (items) => {
            const cts = items.map(([m, r]) => encrypt(G, pk, m, r));
            const total = items.reduce((s, [m]) => s + m, 0n);
            const sum = sumCiphertexts(G, cts);
            expect(G.eq(decryptToElement(G, sum, sk), G.expG(total))).toBe(true);
            const pairwise = cts.reduce((acc, ct) => addCiphertexts(G, acc, ct), sumCiphertexts(G, []));
            expect(G.eq(pairwise.a, sum.a) && G.eq(pairwise.b, sum.b)).toBe(true);
          },
        ),
        { numRuns: 10 },
      );
    });

    test('the empty sum is (1, 1)', () => {
      const e = sumCiphertexts(G, []);
      expect(G.eq(e.a, G.identity) && G.eq(e.b, G.identity)).toBe(true);
    });

    test('JSON round trip and strict decoding', () => {
      const ct = encrypt(G, pk, 3n, G.randomScalar(rng));
      const j = ciphertextToJson(G, ct);
      const back = unwrap(ciphertextFromJson(G, j));
      expect(G.eq(back.a, ct.a) && G.eq(back.b, ct.b)).toBe(true);
      const bad: unknown[] = [
        null,
        [],
        'x',
        { a: j.a },
        { ...j, c: j.a },
        { a: j.a, b: 'zz' },
        { a: 5, b: j.b },
      ];
      for (const v of bad) expect(ciphertextFromJson(G, v).ok).toBe(false);
      expect(ciphertextFromJson(G, { a: j.a })).toMatchObject({ code: 'ENCODING_INVALID' });
      expect(ciphertextFromJson(G, { a: j.a, b: 'zz' })).toMatchObject({ code: 'ELEMENT_INVALID' });
    });
  });
}

suite(nobleRistretto());
suite(pureModp('modp-test64'));
