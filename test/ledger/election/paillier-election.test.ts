/**
 * A Paillier election on the ledger: one key holder posts `paillier_key` with its proof, voters cast
 * through two boxes, the close fixes the tally, the holder publishes a decryption anyone checks (a wrong
 * opening is refused), and the result follows.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/crypto/encoding/canonical-json.js';
import { bigintEngine } from '../../../src/crypto/modarith.js';
import { generatePaillierKey } from '../../../src/crypto/paillier/keys.js';
import { purePrimeGenerator } from '../../../src/crypto/paillier/primes.js';
import { type PaillierCiphertext, paillier } from '../../../src/crypto/paillier/scheme.js';
import type { ElectionEnv } from '../../../src/ledger/election/index.js';
import { electionState, resultBody } from '../../../src/ledger/election/index.js';
import {
  decryptPaillierTally,
  paillierDecryptionToJson,
} from '../../../src/protocol/ceremony/paillier-decryption.js';
import { paillierKeyBody } from '../../../src/protocol/ceremony/paillier-key.js';
import { electionToJson } from '../../../src/protocol/election/write.js';
import { createVoterKeys, voterKeysToJson } from '../../../src/protocol/eligibility/voter-keys.js';
import { resultsToJson } from '../../../src/protocol/results.js';
import type { EncryptedTally } from '../../../src/protocol/tally.js';
import { seededRng } from '../../support/rng.js';
import {
  BOXES,
  definition,
  ed,
  Harness,
  lunwrap,
  OPENS,
  OUTSIDER,
  plain,
  REGISTRAR,
  TRUSTEES,
  VOTERS,
} from './harness.js';

const P = paillier(bigintEngine);
const BITS = 512;
const sk = generatePaillierKey(purePrimeGenerator(seededRng('election-ledger-paillier-key')), BITS);
const rng = seededRng('election-ledger-paillier');
const env: ElectionEnv = { ed, groups: {}, paillier: P, paillierMinBits: BITS };
const def = definition({
  scheme: 'paillier',
  trustees: { n: 1, k: 1, members: [{ index: 1, name: TRUSTEES[0]!.name, key: TRUSTEES[0]!.pk }] },
});

describe('a Paillier election', () => {
  it('runs from the key to a checked decryption and the result', async () => {
    const h = await Harness.create(env, def);
    await h.post(h.tx(REGISTRAR, 'election', electionToJson(def)));
    const setup = h.state().setup!;
    expect(setup.crypto.kind).toBe('paillier');
    const fp = setup.fingerprint;

    // The key holder's key; an outsider's copy, a proof for another election and a repeat are refused.
    const body = paillierKeyBody(P, sk, setup.crypto.context, 1);
    expect(h.attempt(h.tx(OUTSIDER, 'paillier_key', body))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    const foreign = paillierKeyBody(P, sk, { fingerprint: 'ab'.repeat(32) }, 1);
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'paillier_key', foreign))).toMatchObject({ code: 'KEY_INVALID' });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'trustee_key', body))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    await h.post(h.tx(TRUSTEES[0]!, 'paillier_key', body));
    expect(h.view().ceremony?.phase).toBe('done');
    const again = h.attempt(h.tx(TRUSTEES[0]!, 'paillier_key', body));
    expect(again.ok ? '' : again.message).toMatch(/^RECORD_DUPLICATE/);

    const voters = VOTERS.slice(0, 3);
    const record = createVoterKeys(
      ed,
      REGISTRAR.sk,
      fp,
      voters.map((v) => ({ key: v.pk, boxes: ['box-a', 'box-b'] })),
    );
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));

    h.clock = OPENS;
    const votes = [plain(0, true, [0]), plain(0, false, [1, 2]), plain(3, true, [3])];
    const casts = voters.map((v, i) => h.cast(v, votes[i]!, rng));
    await h.post(...casts.flatMap((c) => [h.attest(BOXES[0]!, c), h.attest(BOXES[1]!, c)]));
    expect(h.view().counted.length).toBe(3);
    await h.post(h.tx(REGISTRAR, 'close', { election: fp }));

    const tally = h.state().closing!.tally as EncryptedTally<PaillierCiphertext>;
    const dec = paillierDecryptionToJson(decryptPaillierTally(P, sk, 1, tally));
    const wrong = structuredClone(dec) as JsonObject;
    const entry = (wrong.decryptions as { m: bigint | number }[][])[0]![0]!;
    entry.m = BigInt(entry.m) + 1n;
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'paillier_decryption', wrong))).toMatchObject({
      code: 'DECRYPTION_INVALID',
    });
    expect(h.attempt(h.tx(TRUSTEES[0]!, 'partial_decryption', dec))).toMatchObject({
      code: 'TX_NOT_ALLOWED',
    });
    expect(h.attempt(h.tx(OUTSIDER, 'paillier_decryption', dec))).toMatchObject({ code: 'TX_NOT_ALLOWED' });
    await h.post(h.tx(TRUSTEES[0]!, 'paillier_decryption', dec));
    const v = h.view();
    expect(v.phase).toBe('done');
    expect(v.results && resultsToJson(v.results)).toEqual({
      questions: [
        {
          id: 'chair',
          counts: [
            ['ada', 2n],
            ['bo', 0n],
            ['cy', 0n],
            ['di', 1n],
            ['eve', 0n],
          ],
        },
        {
          id: 'budget',
          counts: [
            ['yes', 2n],
            ['no', 1n],
          ],
        },
        {
          id: 'board',
          counts: [
            ['f', 1n],
            ['g', 1n],
            ['h', 1n],
            ['i', 1n],
          ],
        },
      ],
    });
    const result = lunwrap(resultBody(h.state()));
    expect(result.decryptions).toEqual([h.state().decryptions[0]!.id]);
    await h.post(h.tx(REGISTRAR, 'result', result));
    const f = electionState(env, h.ledger.genesis, h.ledger.mainChain().slice(1));
    expect(f.refused).toEqual([]);
    expect(f.state.results).toEqual(v.results);
    // A node without a Paillier engine cannot run this election.
    const bare = await Harness.create({ ed, groups: {} }, def);
    expect(bare.attempt(bare.tx(REGISTRAR, 'election', electionToJson(def)))).toMatchObject({
      code: 'PARAMETER_INVALID',
    });
  });
});
