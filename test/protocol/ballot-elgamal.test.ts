import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DlogSolver } from '../../src/crypto/dlog.js';
import { decryptToElement, encrypt } from '../../src/crypto/elgamal.js';
import type { JsonValue } from '../../src/crypto/encoding/canonical-json.js';
import { loadFastRistretto } from '../../src/crypto/node/ristretto.js';
import { unwrap } from '../../src/crypto/result.js';
import {
  auditBallot,
  type BallotContext,
  checkBallot,
  createBallot,
  secretsToJson,
} from '../../src/protocol/ballot.js';
import { elgamalScheme } from '../../src/protocol/elgamal-scheme.js';
import { tallyBallots } from '../../src/protocol/tally.js';
import { seededRng } from '../support/rng.js';
import { FINGERPRINT, MANIFEST } from './fixtures.js';

const G = await loadFastRistretto();
const rng = seededRng('ballot-elgamal');
const sk = G.randomScalar(rng);
const pk = G.expG(sk);
const scheme = elgamalScheme(G, pk);
const bc: BallotContext<ReturnType<typeof scheme.encrypt>> = {
  manifest: MANIFEST,
  scheme,
  fingerprint: FINGERPRINT,
};
const PLAIN = [
  [0, 0, 1, 0, 0],
  [1, 0],
  [0, 1, 1, 0],
] as const;

/** Every path to a leaf of a JSON value. */
function leafPaths(v: JsonValue, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...path, i]));
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...path, k]));
  return [path];
}

/** A deep copy of v with the leaf at `path` replaced by `f(leaf)`. */
function mutateAt(v: JsonValue, path: (string | number)[], f: (x: JsonValue) => JsonValue): JsonValue {
  if (path.length === 0) return f(v);
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? mutateAt(x, rest, f) : x));
  const o = v as Record<string, JsonValue>;
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, k === head ? mutateAt(x, rest, f) : x]));
}

/** Replaces a hex scalar/element by another valid-looking value of the same kind. */
function tweak(x: JsonValue): JsonValue {
  if (typeof x === 'string') {
    const alt = String(G.toJson(G.expG(G.randomScalar(rng))));
    return x === alt ? String(G.toJson(G.g)) : alt.slice(0, x.length).padEnd(x.length, '0');
  }
  return x;
}

describe('ElGamal ballots (ristretto255)', () => {
  const created = unwrap(createBallot(bc, PLAIN, 'voter-1', rng));

  it('an honest ballot checks', () => {
    const r = checkBallot(bc, created.ballot, 'voter-1');
    expect(r.ok).toBe(true);
  });

  it('proofs are bound to the voter binding and the election fingerprint', () => {
    expect(checkBallot(bc, created.ballot, 'voter-2').ok).toBe(false);
    const other = { ...bc, fingerprint: 'cd'.repeat(32) };
    const r = checkBallot(other, created.ballot, 'voter-1');
    expect(r.ok || r.code).toBe('PROOF_INVALID');
  });

  it('every mutated leaf of the ballot makes it fail', () => {
    const paths = leafPaths(created.ballot);
    expect(paths.length).toBeGreaterThan(40);
    for (const p of paths) {
      const bad = mutateAt(created.ballot, p, tweak);
      const r = checkBallot(bc, bad, 'voter-1');
      expect(r.ok, `mutating ${p.join('.')}`).toBe(false);
    }
  });

  it('rejects malformed shapes with BALLOT_INVALID', () => {
    for (const bad of [null, {}, { questions: [] }, { questions: 'x' }, { questions: [{}, {}, {}] }]) {
      const r = checkBallot(bc, bad, 'voter-1');
      expect(r.ok || r.code).toBe('BALLOT_INVALID');
    }
  });

  it('a ballot violating the manifest cannot be created, and a forged one does not check', () => {
    const tooMany = [
      [1, 1, 0, 0, 0],
      [1, 0],
      [0, 1, 0, 0],
    ] as const;
    const r = createBallot(bc, tooMany, 'v', rng);
    expect(r.ok || r.code).toBe('SELECTION_INVALID');
    // Forge: take an honest ballot for a valid plaintext and swap in a ciphertext of a 1 with its honest 0/1 proof.
    const honest = unwrap(createBallot(bc, PLAIN, 'v', rng)).ballot as {
      questions: { selections: JsonValue[] }[];
    };
    const other = unwrap(
      createBallot(
        bc,
        [
          [1, 0, 0, 0, 0],
          [1, 0],
          [0, 1, 1, 0],
        ],
        'v',
        rng,
      ),
    ).ballot as { questions: { selections: JsonValue[] }[] };
    honest.questions[0]!.selections[0] = other.questions[0]!.selections[0]!;
    const c = checkBallot(bc, honest, 'v');
    expect(c.ok || c.code).toBe('PROOF_INVALID');
  });

  it('Benaloh audit reveals the plaintext, and detects a lie', () => {
    const revealed = secretsToJson(bc, created.secrets);
    const a = auditBallot(bc, created.ballot, revealed);
    expect(a.ok && a.value).toEqual(PLAIN);
    const lie = {
      ...revealed,
      plaintext: [
        [1, 0, 0, 0, 0],
        [1, 0],
        [0, 1, 1, 0],
      ],
    };
    expect(auditBallot(bc, created.ballot, lie).ok).toBe(false);
  });

  it('tally of random valid ballots decrypts to the sum of plaintexts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(4), fc.boolean(), fc.subarray([0, 1, 2, 3], { minLength: 1, maxLength: 3 })),
          { maxLength: 6 },
        ),
        (votes) => {
          const ballots = votes.map(([c, yes, board]) => {
            const p = [
              [0, 1, 2, 3, 4].map((i) => (i === c ? 1 : 0)),
              yes ? [1, 0] : [0, 1],
              [0, 1, 2, 3].map((i) => (board.includes(i) ? 1 : 0)),
            ] as (0 | 1)[][];
            const b = unwrap(createBallot(bc, p, 'v', rng)).ballot;
            return unwrap(checkBallot(bc, b, 'v'));
          });
          const tally = tallyBallots(scheme, MANIFEST, ballots);
          const solver = new DlogSolver(G, 100n);
          const counts = tally.map((row) =>
            row.map((ct) => unwrap(solver.solve(decryptToElement(G, ct, sk)))),
          );
          expect(counts[0]).toEqual(
            [0, 1, 2, 3, 4].map((i) => BigInt(votes.filter(([c]) => c === i).length)),
          );
          expect(counts[1]![0]).toBe(BigInt(votes.filter(([, y]) => y).length));
          expect(counts[2]!.reduce((s, x) => s + x, 0n)).toBe(
            BigInt(votes.reduce((s, [, , b]) => s + b.length, 0)),
          );
        },
      ),
      { numRuns: 4 },
    );
  });

  it('encryption of 0 by the scheme equals raw ElGamal', () => {
    const r = G.randomScalar(rng);
    expect(scheme.eq(scheme.encrypt(0n, r), encrypt(G, pk, 0n, r))).toBe(true);
  });
});
