import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson, type JsonValue, parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { type ModpGroup, type ModpName, pureModp } from '../../src/crypto/group/modp/index.js';
import {
  courseBallotToJson,
  decFactorToJson,
  pkPokToJson,
  proveCourseBallot,
  proveDecFactor,
  provePkPok,
  verifyCourseBallot,
  verifyDecFactor,
  verifyPkPok,
} from '../../src/crypto/proofs/course.js';
import { type Result, unwrap } from '../../src/crypto/result.js';
import { seededRng } from './proofs-fixtures.js';

interface Vector {
  group: ModpName;
  x: number;
  tallier_key: JsonValue;
  ballot: JsonValue;
  dec_factor: JsonValue;
}

const vectors = unwrap(
  parseJson(readFileSync(new URL('../golden/proofs/course-vectors.json', import.meta.url), 'utf8')),
) as unknown as Vector[];

/** Every copy of `v` with one integer leaf changed: +1, and ×g mod p (stays in the group). */
function leafMutations(G: ModpGroup, v: JsonValue): JsonValue[] {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const x = BigInt(v);
    return [x + 1n, (x * G.g) % G.p];
  }
  if (Array.isArray(v))
    return v.flatMap((item, i) => leafMutations(G, item).map((m) => v.map((y, j) => (j === i ? m : y))));
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, item]) => leafMutations(G, item).map((m) => ({ ...v, [k]: m })));
  return [];
}

/** Shape mutations: each key removed, an extra key, wrong types. */
function shapeMutations(v: JsonValue): JsonValue[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
  const out: JsonValue[] = [{ ...v, extra: 1 }, [v], null];
  for (const k of Object.keys(v)) {
    const { [k]: _, ...rest } = v;
    out.push(rest, { ...v, [k]: String(v[k]) }, { ...v, [k]: -1 });
  }
  return out;
}

function expectAllFail<T>(G: ModpGroup, v: JsonValue, verify: (x: unknown) => Result<T>): void {
  for (const m of [...leafMutations(G, v), ...shapeMutations(v)]) {
    const r = verify(m);
    if (r.ok) throw new Error(`mutation accepted: ${canonicalJson(m)}`);
  }
}

describe('course-format proofs: vectors from an independent implementation', () => {
  for (const vec of vectors) {
    test(`${vec.group}: accepted, re-encoded identically, every mutation rejected`, () => {
      const G = pureModp(vec.group);
      const key = unwrap(verifyPkPok(G, vec.tallier_key));
      expect(canonicalJson(pkPokToJson(G, key))).toBe(canonicalJson(vec.tallier_key));
      expect(G.eq(key.pk, G.expG(BigInt(vec.x)))).toBe(true);
      const ballot = unwrap(verifyCourseBallot(G, vec.ballot, key.pk));
      expect(canonicalJson(courseBallotToJson(G, ballot))).toBe(canonicalJson(vec.ballot));
      expect(verifyCourseBallot(G, vec.ballot, G.g)).toMatchObject({ ok: false, code: 'KEY_INVALID' });
      const dec = unwrap(verifyDecFactor(G, vec.dec_factor, { pk: key.pk, c1: ballot.ct.a }));
      expect(canonicalJson(decFactorToJson(G, dec))).toBe(canonicalJson(vec.dec_factor));
      expect(verifyDecFactor(G, vec.dec_factor, { c1: G.g })).toMatchObject({
        ok: false,
        code: 'CIPHERTEXT_INVALID',
      });
      expectAllFail(G, vec.tallier_key, (v) => verifyPkPok(G, v));
      expectAllFail(G, vec.ballot, (v) => verifyCourseBallot(G, v));
      expectAllFail(G, vec.dec_factor, (v) => verifyDecFactor(G, v));
    });
  }
});

describe('course-format proofs: pnyx provers', () => {
  const G = pureModp('modp-test64');
  test('honest pk_pok, ballots and decryption factors verify; mutations fail', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.constantFrom<0 | 1>(0, 1), (seed, m) => {
        const rng = seededRng(`course-${seed}`);
        const x = G.randomScalar(rng);
        const pok = pkPokToJson(G, provePkPok(G, x, rng));
        expect(verifyPkPok(G, pok).ok).toBe(true);
        expectAllFail(G, pok, (v) => verifyPkPok(G, v));
        const pk = G.expG(x);
        const ballot = courseBallotToJson(G, proveCourseBallot(G, pk, m, G.randomScalar(rng), rng));
        expect(verifyCourseBallot(G, ballot, pk).ok).toBe(true);
        expectAllFail(G, ballot, (v) => verifyCourseBallot(G, v));
        const c1 = G.expG(G.randomScalar(rng));
        const d = proveDecFactor(G, x, c1, rng);
        expect(d.response).toBeLessThanOrEqual(2n * G.q - 2n);
        expect(G.eq(d.decryptionFactor, G.exp(c1, x))).toBe(true);
        const dj = decFactorToJson(G, d);
        expect(verifyDecFactor(G, dj, { pk, c1 }).ok).toBe(true);
        expectAllFail(G, dj, (v) => verifyDecFactor(G, v));
      }),
      { numRuns: 15 },
    );
  });

  test('an encryption of 2 cannot be proved; responses out of range are refused', () => {
    const rng = seededRng('course-two');
    const x = G.randomScalar(rng);
    const pk = G.expG(x);
    const b = proveCourseBallot(G, pk, 1, G.randomScalar(rng), rng);
    const two = { ...b, ct: { a: b.ct.a, b: G.op(b.ct.b, G.g) } };
    expect(verifyCourseBallot(G, courseBallotToJson(G, two))).toMatchObject({
      ok: false,
      code: 'PROOF_INVALID',
    });
    const pok = pkPokToJson(G, provePkPok(G, x, rng));
    expect(verifyPkPok(G, { ...pok, response: G.q })).toMatchObject({ ok: false, code: 'SCALAR_INVALID' });
    const d = decFactorToJson(G, proveDecFactor(G, x, G.g, rng));
    expect(verifyDecFactor(G, { ...d, response: 2n * G.q - 1n })).toMatchObject({
      ok: false,
      code: 'SCALAR_INVALID',
    });
    expect(verifyDecFactor(G, { ...d, pk: 0 })).toMatchObject({ ok: false, code: 'ELEMENT_INVALID' });
    expect(verifyDecFactor(G, { ...d, pk: G.p - 1n })).toMatchObject({ ok: false, code: 'ELEMENT_INVALID' });
  });
});
