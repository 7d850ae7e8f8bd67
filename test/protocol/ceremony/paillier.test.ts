import { describe, expect, it } from 'vitest';
import { bigintEngine } from '../../../src/crypto/modarith.js';
import { proveKeyWellFormed } from '../../../src/crypto/paillier/key-proof.js';
import { generatePaillierKey } from '../../../src/crypto/paillier/keys.js';
import { purePrimeGenerator } from '../../../src/crypto/paillier/primes.js';
import { paillier } from '../../../src/crypto/paillier/scheme.js';
import { unwrap } from '../../../src/crypto/result.js';
import {
  decryptPaillierTally,
  type LedgerRecord,
  paillierDecryptionFromJson,
  paillierDecryptionState,
  paillierDecryptionToJson,
  paillierKeyBody,
  paillierKeyBodyFromJson,
  paillierKeyBodyToJson,
  paillierKeyState,
  RECORD_TYPES,
} from '../../../src/protocol/ceremony/index.js';
import { seededRng } from '../../support/rng.js';

const P = paillier(bigintEngine);
const BITS = 512;
const sk = generatePaillierKey(purePrimeGenerator(seededRng('ceremony-paillier-key')), BITS);
const pk = sk.publicKey;
const ctx = { fingerprint: '12'.repeat(32) };
const rng = seededRng('ceremony-paillier');
const params = { holder: 1, minBits: BITS };

const keyRecord = (signer: number | null = 1): LedgerRecord => ({
  type: RECORD_TYPES.paillierKey,
  body: paillierKeyBody(P, sk, ctx, 1),
  signer,
});

describe('paillier_key', () => {
  it('the holder posts its key with a proof of gcd(n, φ(n)) = 1; others and repeats are errors', () => {
    const s = paillierKeyState(P, ctx, params, [keyRecord(2), keyRecord(null), keyRecord(), keyRecord()]);
    expect(s.phase).toBe('done');
    expect(s.publicKey?.n).toBe(pk.n);
    expect(s.errors.map((e) => [e.record, e.code])).toEqual([
      [0, 'RECORD_SIGNER'],
      [1, 'RECORD_SIGNER'],
      [3, 'RECORD_DUPLICATE'],
    ]);
  });

  it('a proof for another election, a small or even modulus, and garbage are refused', () => {
    const other = paillierKeyBodyToJson({
      trustee: 1,
      publicKey: pk,
      proof: proveKeyWellFormed(P, sk, { fingerprint: '34'.repeat(32) }),
    });
    const s = paillierKeyState(P, ctx, params, [{ ...keyRecord(), body: other }]);
    expect(s.phase).toBe('announcing');
    expect(s.errors.map((e) => [e.code, e.cause])).toEqual([['KEY_INVALID', 'PROOF_INVALID']]);
    const body = keyRecord().body;
    expect(paillierKeyBodyFromJson(body).ok).toBe(false); // 512 bits < the default 2048
    expect(paillierKeyBodyFromJson(body, BITS).ok).toBe(true);
    const even = { ...(body as Record<string, never>), public_key: { n: pk.n + 1n } };
    expect(paillierKeyBodyFromJson(even, BITS).ok).toBe(false);
    expect(paillierKeyBodyFromJson({ trustee: 1 }, BITS).ok).toBe(false);
  });

  it('no key by the deadline fails', () => {
    const s = paillierKeyState(P, ctx, { ...params, deadline: 10 }, [{ ...keyRecord(), time: 10 }]);
    expect(s.phase).toBe('failed');
    expect(s.errors.map((e) => e.code)).toEqual(['RECORD_LATE']);
  });
});

describe('paillier_decryption', () => {
  const counts = [
    [3n, 1n, 0n],
    [2n, 2n],
  ];
  const tally = counts.map((row) => row.map((m) => P.encrypt(pk, m, rng).c));
  const body = decryptPaillierTally(P, sk, 1, tally);
  const record = (b = body, signer = 1): LedgerRecord => ({
    type: RECORD_TYPES.paillierDecryption,
    body: paillierDecryptionToJson(b),
    signer,
  });

  it('anyone checks the holder’s decryption and reads the counts', () => {
    expect(unwrap(paillierDecryptionFromJson(paillierDecryptionToJson(body)))).toEqual(body);
    const s = paillierDecryptionState(P, pk, 1, tally, [record()], 4);
    expect(s.errors).toEqual([]);
    expect(s.counts).toEqual(counts);
  });

  it('a wrong count is rejected and named; the holder may post again', () => {
    const wrong = {
      ...body,
      decryptions: [
        [{ ...body.decryptions[0]![0]!, m: 4n }, ...body.decryptions[0]!.slice(1)],
        body.decryptions[1]!,
      ],
    };
    const s = paillierDecryptionState(
      P,
      pk,
      1,
      tally,
      [record(wrong), record(body, 2), record(), record()],
      4,
    );
    expect(s.counts).toEqual(counts);
    expect(s.errors.map((e) => [e.record, e.code, e.cause])).toEqual([
      [0, 'DECRYPTION_INVALID', 'DECRYPTION_INVALID'],
      [1, 'RECORD_SIGNER', undefined],
      [3, 'RECORD_DUPLICATE', undefined],
    ]);
    expect(s.errors[0]!.message).toContain('decryption [0][0]');
  });

  it('wrong shapes and counts above the ballot count are rejected', () => {
    const short = { ...body, decryptions: body.decryptions.slice(1) };
    const s = paillierDecryptionState(P, pk, 1, tally, [record(short), record()], 2);
    expect(s.counts).toBeUndefined();
    expect(s.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('rows'),
      expect.stringContaining('exceeds the 2 counted ballots'),
    ]);
    expect(paillierDecryptionFromJson({ trustee: 1, decryptions: [[{ m: 1 }]] }).ok).toBe(false);
    expect(paillierDecryptionFromJson({ trustee: 1, decryptions: 'x' }).ok).toBe(false);
  });
});
