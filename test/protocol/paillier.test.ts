import { describe, expect, it } from 'vitest';
import { opensslEngine } from '../../src/crypto/node/openssl-modpow.js';
import { opensslPrime } from '../../src/crypto/node/openssl-primes.js';
import { generatePaillierKey } from '../../src/crypto/paillier/keys.js';
import { paillier } from '../../src/crypto/paillier/scheme.js';
import { unwrap } from '../../src/crypto/result.js';
import { auditBallot, checkBallot, createBallot, secretsToJson } from '../../src/protocol/ballot.js';
import {
  checkPaillierTallyDecryption,
  decryptPaillierTally,
  paillierDecryptionToJson,
} from '../../src/protocol/decrypt-paillier.js';
import { paillierScheme } from '../../src/protocol/paillier-scheme.js';
import { tallyBallots } from '../../src/protocol/tally.js';
import { seededRng } from '../support/rng.js';
import { FINGERPRINT, MANIFEST } from './fixtures.js';

describe('Paillier elections (2048-bit key)', () => {
  const rng = seededRng('paillier-protocol');
  const P = paillier(opensslEngine());
  const sk = generatePaillierKey(opensslPrime, 2048);
  const scheme = paillierScheme(P, sk.publicKey);
  const bc = { manifest: MANIFEST, scheme, fingerprint: FINGERPRINT };
  const plaintexts = [
    [
      [0, 1, 0, 0, 0],
      [1, 0],
      [1, 0, 0, 0],
    ],
    [
      [0, 1, 0, 0, 0],
      [0, 1],
      [1, 1, 1, 0],
    ],
  ] as (0 | 1)[][][];
  const created = plaintexts.map((p, i) => unwrap(createBallot(bc, p, `v${i}`, rng)));
  const ballots = created.map((c, i) => unwrap(checkBallot(bc, c.ballot, `v${i}`)));
  const tally = tallyBallots(scheme, MANIFEST, ballots);

  it('ballots are bound to their voter', () => {
    const r = checkBallot(bc, created[0]!.ballot, 'v1');
    expect(r.ok || r.code).toBe('PROOF_INVALID');
  });

  it('the key holder decrypts the tally and anyone checks it', () => {
    const published = paillierDecryptionToJson(decryptPaillierTally(P, sk, tally));
    const counts = checkPaillierTallyDecryption(P, sk.publicKey, tally, published);
    expect(counts.ok && counts.value).toEqual([
      [0n, 2n, 0n, 0n, 0n],
      [1n, 1n],
      [2n, 1n, 1n, 0n],
    ]);
  });

  it('a wrong published count is rejected and located', () => {
    const published = paillierDecryptionToJson(decryptPaillierTally(P, sk, tally)) as {
      m: number;
      r: bigint;
    }[][];
    published[1]![0] = { ...published[1]![0]!, m: 2 };
    const r = checkPaillierTallyDecryption(P, sk.publicKey, tally, published);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('decryption[1][0]');
  });

  it('a Benaloh audit opens a Paillier ballot', () => {
    const a = auditBallot(bc, created[1]!.ballot, secretsToJson(bc, created[1]!.secrets));
    expect(a.ok && a.value).toEqual(plaintexts[1]);
  });
});
