import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../../src/crypto/group/group.js';
import { pureModp } from '../../../src/crypto/group/modp/index.js';
import { loadFastRistretto } from '../../../src/crypto/node/ristretto.js';
import { unwrap } from '../../../src/crypto/result.js';
import {
  type LedgerRecord,
  partialDecryptionBody,
  RECORD_TYPES,
  secretShare,
  tallyDecryptionState,
  thresholdDecryptionKeys,
} from '../../../src/protocol/ceremony/index.js';
import { seededRng } from '../../support/rng.js';
import { badShare, encryptCounts, runCeremony } from './helpers.js';

const fingerprint = '78'.repeat(32);
const ctx = { fingerprint };
const COUNTS = [[2, 0, 3], [1]];

/** Runs a ceremony (dealer `cheat` sends trustee 1 a bad share, if set) and decrypts with trustees `online`. */
function ceremonyThenDecrypt<E>(
  G: Group<E>,
  n: number,
  k: number,
  online: number[],
  seed: string,
  cheat?: number,
) {
  const rng = seededRng(seed);
  const run = runCeremony(
    G,
    ctx,
    { n, k },
    rng,
    cheat === undefined ? {} : { tamper: badShare(G, cheat, 1) },
  );
  if (run.state.phase !== 'done') return { run, result: undefined };
  const keys = unwrap(thresholdDecryptionKeys(run.state));
  const tally = encryptCounts(G, keys.publicKey, COUNTS, rng);
  const records: LedgerRecord[] = online
    .filter((l) => run.state.qualified.includes(l))
    .map((l) => {
      const x = unwrap(secretShare(G, ctx, run.state, run.keys[l - 1]!.secrets));
      return {
        type: RECORD_TYPES.partialDecryption,
        body: partialDecryptionBody(G, fingerprint, tally, l, x, rng),
        signer: l,
      };
    });
  return { run, result: tallyDecryptionState(G, fingerprint, tally, keys, records, { ballots: 3 }) };
}

const expected = COUNTS.map((row) => row.map(BigInt));

describe('any k qualified trustees decrypt (ristretto255)', () => {
  let G: Group<Uint8Array>;
  beforeAll(async () => {
    G = await loadFastRistretto();
  });

  it('for random n, k, cheating dealer and online set', () => {
    const input = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.integer({ min: 1, max: n }),
        fc.subarray(
          Array.from({ length: n }, (_, i) => i + 1),
          { minLength: 0 },
        ),
        fc.option(fc.integer({ min: 2, max: Math.max(2, n) }), { nil: undefined }),
        fc.string({ maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(input, ([n, k, online, cheat, seed]) => {
        const dealer = cheat !== undefined && cheat <= n ? cheat : undefined;
        const { run, result } = ceremonyThenDecrypt(G, n, k, online, seed, dealer);
        const qualified = n - (dealer === undefined ? 0 : 1);
        expect(run.state.phase).toBe(qualified >= k ? 'done' : 'failed');
        if (result === undefined) return;
        const usable = online.filter((l) => run.state.qualified.includes(l));
        expect(result.errors).toEqual([]);
        expect(result.counts).toEqual(usable.length >= k ? expected : undefined);
      }),
      { numRuns: 25 },
    );
  });
});

describe('the same ceremony on a modp group (integers in JSON)', () => {
  it('2 of 4 with a cheating dealer and an offline trustee', () => {
    const { run, result } = ceremonyThenDecrypt(pureModp('modp-test64'), 4, 2, [2, 4], 'modp', 3);
    expect(run.state.disqualified.map((d) => d.trustee)).toEqual([3]);
    expect(result?.counts).toEqual(expected);
    expect(result?.used).toEqual([2, 4]);
  });
});
