import { beforeAll, describe, expect, it } from 'vitest';
import type { Ciphertext } from '../../../src/crypto/elgamal.js';
import type { Group } from '../../../src/crypto/group/group.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../../src/crypto/threshold/n-of-n.js';
import {
  type DecryptionKeys,
  type LedgerRecord,
  productCeremonyState,
  productDecryptionKeys,
  RECORD_TYPES,
  secretShare,
  tallyDecryptionState,
  thresholdDecryptionKeys,
} from '../../../src/protocol/ceremony/index.js';
import { shareTally, tallyShareToJson } from '../../../src/protocol/decrypt-elgamal.js';
import type { EncryptedTally } from '../../../src/protocol/tally.js';
import { seededRng } from '../../support/rng.js';
import { badShare, encryptCounts, type Run, runCeremony } from './helpers.js';

type E = Uint8Array;
let G: Group<E>;
const fingerprint = 'ef'.repeat(32);
const ctx = { fingerprint };
const rng = seededRng('ceremony-decryption');
const COUNTS = [
  [3, 0, 1, 0, 2],
  [4, 2],
];
const BALLOTS = 6;

let run: Run<E>;
let keys: DecryptionKeys<E>;
let tally: EncryptedTally<Ciphertext<E>>;

beforeAll(async () => {
  G = await loadFastRistretto();
  run = runCeremony(G, ctx, { n: 4, k: 3 }, rng);
  keys = unwrap(thresholdDecryptionKeys(run.state));
  tally = encryptCounts(G, keys.publicKey, COUNTS, rng);
});

/** Trustee l's honest `partial_decryption` record. */
function shareRecord(l: number): LedgerRecord {
  const x = unwrap(secretShare(G, ctx, run.state, run.keys[l - 1]!.secrets));
  const body = tallyShareToJson(G, shareTally(G, fingerprint, tally, l, x, rng));
  return { type: RECORD_TYPES.partialDecryption, body, signer: l, id: `tx${l}` };
}

/** Trustee l's share with D of [q][o] multiplied by g (its proof no longer checks). */
function wrongShareRecord(l: number, q: number, o: number): LedgerRecord {
  const x = unwrap(secretShare(G, ctx, run.state, run.keys[l - 1]!.secrets));
  const s = shareTally(G, fingerprint, tally, l, x, rng);
  const partials = s.partials.map((row, qi) =>
    row.map((pd, oi) => (qi === q && oi === o ? { ...pd, D: G.op(pd.D, G.g) } : pd)),
  );
  return {
    type: RECORD_TYPES.partialDecryption,
    body: tallyShareToJson(G, { ...s, partials }),
    signer: l,
    id: `bad${l}`,
  };
}

const decrypt = (records: LedgerRecord[]) =>
  tallyDecryptionState(G, fingerprint, tally, keys, records, { ballots: BALLOTS });
const expected = COUNTS.map((row) => row.map(BigInt));

describe('threshold tally decryption (3 of 4)', () => {
  it('any 3 trustees decrypt; trustee 2 offline is tolerated', () => {
    for (const set of [
      [1, 3, 4],
      [4, 2, 1],
      [1, 2, 3, 4],
    ]) {
      const s = decrypt(set.map(shareRecord));
      expect(s.errors).toEqual([]);
      expect(s.counts).toEqual(expected);
      expect(s.used).toEqual(set.slice(0, 3));
    }
  });

  it('two shares are not enough', () => {
    const s = decrypt([shareRecord(1), shareRecord(2)]);
    expect(s.counts).toBeUndefined();
    expect(s.accepted).toEqual([1, 2]);
    expect(s.needed).toBe(3);
  });

  it('a wrong partial decryption is rejected, named and excluded; the others decrypt', () => {
    const s = decrypt([
      shareRecord(1),
      wrongShareRecord(2, 1, 0),
      shareRecord(2),
      shareRecord(3),
      shareRecord(4),
    ]);
    expect(s.counts).toEqual(expected);
    expect(s.used).toEqual([1, 3, 4]);
    expect(s.excluded).toEqual([2]);
    expect(s.errors.map((e) => [e.record, e.id, e.trustee, e.code, e.cause])).toEqual([
      [1, 'bad2', 2, 'DECRYPTION_INVALID', 'PROOF_INVALID'],
      [2, 'tx2', 2, 'TRUSTEE_EXCLUDED', undefined],
    ]);
    expect(s.errors[0]!.message).toContain('trustee 2 partial [1][0]');
  });

  it('duplicates, foreign signers, shares naming another trustee and garbage are errors', () => {
    const one = shareRecord(1);
    const s = decrypt([
      one,
      one,
      { ...shareRecord(3), signer: null },
      { ...shareRecord(3), signer: 2 },
      { type: RECORD_TYPES.partialDecryption, body: { trustee: 4 }, signer: 4 },
      { type: 'result', body: {}, signer: 1 },
      shareRecord(3),
    ]);
    expect(s.errors.map((e) => [e.record, e.code, e.trustee])).toEqual([
      [1, 'RECORD_DUPLICATE', 1],
      [2, 'RECORD_SIGNER', null],
      [3, 'RECORD_SIGNER', 2],
      [4, 'RECORD_MALFORMED', 4],
      [5, 'RECORD_TYPE', 1],
    ]);
    expect(s.excluded).toEqual([2, 4]);
    expect(s.accepted).toEqual([1, 3]);
    expect(s.counts).toBeUndefined();
  });

  it('a tally with a count above the number of ballots gives no counts', () => {
    const s = tallyDecryptionState(G, fingerprint, tally, keys, [1, 2, 3].map(shareRecord), { ballots: 3 });
    expect(s.counts).toBeUndefined();
    expect(s.failure).toContain('DLOG_NOT_FOUND');
  });
});

describe('after a dealer is disqualified', () => {
  it('the remaining trustees decrypt and the cheater share is refused', () => {
    const bad = runCeremony(G, ctx, { n: 4, k: 2 }, rng, { tamper: badShare(G, 3, 1) });
    expect(bad.state.disqualified.map((d) => d.trustee)).toEqual([3]);
    const bkeys = unwrap(thresholdDecryptionKeys(bad.state));
    const t = encryptCounts(G, bkeys.publicKey, COUNTS, rng);
    const record = (l: number, x: bigint): LedgerRecord => ({
      type: RECORD_TYPES.partialDecryption,
      body: tallyShareToJson(G, shareTally(G, fingerprint, t, l, x, rng)),
      signer: l,
    });
    const xs = [1, 4].map((l) => unwrap(secretShare(G, ctx, bad.state, bad.keys[l - 1]!.secrets)));
    // Trustee 3 computes a share from its own view (every dealer); it has no verification key.
    expect(secretShare(G, ctx, bad.state, bad.keys[2]!.secrets).ok).toBe(false);
    const s = tallyDecryptionState(
      G,
      fingerprint,
      t,
      bkeys,
      [record(3, bad.keys[2]!.secrets.coefficients[0]!), record(1, xs[0]!), record(4, xs[1]!)],
      { ballots: BALLOTS },
    );
    expect(s.errors.map((e) => [e.trustee, e.code])).toEqual([[3, 'RECORD_SIGNER']]);
    expect(s.used).toEqual([1, 4]);
    expect(s.counts).toEqual(expected);
  });
});

describe('n-of-n ceremony and decryption', () => {
  it('all n keys give the product key; every trustee must decrypt', () => {
    const n = 3;
    const trustees = Array.from({ length: n }, (_, i) => createTrusteeKey(G, ctx, i + 1, rng));
    const keyRecords: LedgerRecord[] = trustees.map((t, i) => ({
      type: RECORD_TYPES.trusteeKey,
      body: trusteeKeyToJson(G, t.publicKey),
      signer: i + 1,
    }));
    const forged = { ...trustees[1]!.publicKey, pk: G.g };
    const partial = productCeremonyState(G, ctx, { n }, [
      keyRecords[0]!,
      { ...keyRecords[1]!, body: trusteeKeyToJson(G, forged) },
      { ...keyRecords[2]!, signer: 1 },
    ]);
    expect(partial.phase).toBe('announcing');
    expect(partial.errors.map((e) => e.code)).toEqual(['KEY_INVALID', 'RECORD_SIGNER']);
    expect(productCeremonyState(G, ctx, { n, deadline: 5 }, keyRecords.slice(0, 2), 5).phase).toBe('failed');
    const state = productCeremonyState(G, ctx, { n }, [...keyRecords, keyRecords[0]!]);
    expect(state.phase).toBe('done');
    expect(state.errors.map((e) => e.code)).toEqual(['RECORD_LATE']);
    const pkeys = unwrap(productDecryptionKeys(state));
    const sk = trustees.reduce((acc, t) => (acc + t.sk) % G.q, 0n);
    expect(G.eq(pkeys.publicKey, G.expG(sk))).toBe(true);
    const t2 = encryptCounts(G, pkeys.publicKey, COUNTS, rng);
    const records = trustees.map((t, i) => ({
      type: RECORD_TYPES.partialDecryption,
      body: tallyShareToJson(G, shareTally(G, fingerprint, t2, i + 1, t.sk, rng)),
      signer: i + 1,
    }));
    const two = tallyDecryptionState(G, fingerprint, t2, pkeys, records.slice(0, 2), { ballots: BALLOTS });
    expect(two.counts).toBeUndefined();
    expect(two.needed).toBe(3);
    const all = tallyDecryptionState(G, fingerprint, t2, pkeys, records, { ballots: BALLOTS });
    expect(all.counts).toEqual(expected);
  });

  it('keys are refused before the ceremony is done', () => {
    const s = productCeremonyState(G, ctx, { n: 2 }, []);
    expect(productDecryptionKeys(s).ok).toBe(false);
    const t = runCeremony(G, ctx, { n: 2, k: 2 }, rng, { offline: [2] });
    expect(thresholdDecryptionKeys(t.state).ok).toBe(false);
  });
});
