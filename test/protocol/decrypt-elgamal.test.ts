import { describe, expect, it } from 'vitest';
import { DlogSolver } from '../../src/crypto/dlog.js';
import type { Ciphertext } from '../../src/crypto/elgamal.js';
import { loadFastRistretto } from '../../src/crypto/node/ristretto.js';
import { unwrap } from '../../src/crypto/result.js';
import { type BallotContext, checkBallot, createBallot } from '../../src/protocol/ballot.js';
import {
  checkTallyShare,
  combineTally,
  shareTally,
  tallyShareFromJson,
  tallyShareToJson,
} from '../../src/protocol/decrypt-elgamal.js';
import { elgamalScheme } from '../../src/protocol/elgamal-scheme.js';
import { tallyBallots } from '../../src/protocol/tally.js';
import { localCeremony } from '../support/ceremony.js';
import { seededRng } from '../support/rng.js';
import { FINGERPRINT, MANIFEST } from './fixtures.js';

const G = await loadFastRistretto();
type C = Ciphertext<ReturnType<typeof G.expG>>;
const rng = seededRng('decrypt-elgamal');

describe('threshold decryption of a tally (2 of 3)', () => {
  const cer = localCeremony(G, { fingerprint: FINGERPRINT }, 3, 2, rng);
  const scheme = elgamalScheme(G, cer.pk);
  const bc: BallotContext<C> = { manifest: MANIFEST, scheme, fingerprint: FINGERPRINT };
  const plaintexts = [
    [
      [1, 0, 0, 0, 0],
      [1, 0],
      [1, 1, 0, 0],
    ],
    [
      [0, 0, 0, 0, 1],
      [1, 0],
      [0, 1, 1, 1],
    ],
    [
      [1, 0, 0, 0, 0],
      [0, 1],
      [0, 0, 0, 1],
    ],
  ] as (0 | 1)[][][];
  const ballots = plaintexts.map((p, i) =>
    unwrap(checkBallot(bc, unwrap(createBallot(bc, p, `v${i}`, rng)).ballot, `v${i}`)),
  );
  const tally = tallyBallots(scheme, MANIFEST, ballots);
  const shares = cer.x.map((x, i) => shareTally(G, FINGERPRINT, tally, i + 1, x, rng));
  const solver = new DlogSolver(G, 10n);
  const expected = [
    [2n, 0n, 0n, 0n, 1n],
    [2n, 1n],
    [1n, 2n, 1n, 2n],
  ];

  it('every share checks, and survives its JSON round trip', () => {
    shares.forEach((s, i) => {
      const again = unwrap(tallyShareFromJson(G, tallyShareToJson(G, s)));
      expect(checkTallyShare(G, FINGERPRINT, tally, cer.vk[i]!, again).ok).toBe(true);
    });
  });

  it.each([[[0, 1]], [[0, 2]], [[1, 2]], [[0, 1, 2]]])('trustees %j decrypt the right counts', (which) => {
    const r = combineTally(
      G,
      tally,
      which.map((i) => shares[i]!),
      { kind: 'threshold', k: 2 },
      solver,
    );
    expect(r.ok && r.value).toEqual(expected);
  });

  it('one share is not enough', () => {
    const r = combineTally(G, tally, [shares[0]!], { kind: 'threshold', k: 2 }, solver);
    expect(r.ok || r.code).toBe('DECRYPTION_INVALID');
  });

  it('a wrong partial decryption is detected and named', () => {
    const s = shares[1]!;
    const forged = {
      ...s,
      partials: s.partials.map((row, q) =>
        row.map((pd, o) => (q === 1 && o === 0 ? { ...pd, D: G.op(pd.D, G.g) } : pd)),
      ),
    };
    const c = checkTallyShare(G, FINGERPRINT, tally, cer.vk[1]!, forged);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.code).toBe('PROOF_INVALID');
      expect(c.message).toContain('trustee 2 partial [1][0]');
    }
    // A share checked against another trustee's key fails too.
    expect(checkTallyShare(G, FINGERPRINT, tally, cer.vk[0]!, s).ok).toBe(false);
  });
});
