/**
 * An ElGamal election on the 2048-bit modp group (OpenSSL exponentiation), with one trustee (n-of-n,
 * n = 1): the same rules and state as on ristretto255, through another group backend.
 */
import { describe, expect, it } from 'vitest';
import type { Ciphertext } from '../../../src/crypto/elgamal.js';
import { opensslModp } from '../../../src/crypto/node/modp.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../../src/crypto/threshold/n-of-n.js';
import { type ElectionEnv, electionState, resultBody } from '../../../src/ledger/election/index.js';
import { partialDecryptionBody } from '../../../src/protocol/ceremony/decryption.js';
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
  plain,
  REGISTRAR,
  TRUSTEES,
  VOTERS,
} from './harness.js';

const G = opensslModp('modp2048');
const rng = seededRng('election-ledger-modp');
const env: ElectionEnv = { ed, groups: { modp2048: G } };
const def = definition({
  scheme: 'elgamal-modp2048',
  trustees: { n: 1, k: 1, members: [{ index: 1, name: TRUSTEES[0]!.name, key: TRUSTEES[0]!.pk }] },
});

describe('an ElGamal modp2048 election', () => {
  it('runs through the same rules', async () => {
    const h = await Harness.create(env, def);
    await h.post(h.tx(REGISTRAR, 'election', electionToJson(def)));
    const setup = h.state().setup!;
    const k = createTrusteeKey(G, setup.crypto.context, 1, rng);
    await h.post(h.tx(TRUSTEES[0]!, 'trustee_key', trusteeKeyToJson(G, k.publicKey)));
    const v = VOTERS[0]!;
    const record = createVoterKeys(ed, REGISTRAR.sk, setup.fingerprint, [{ key: v.pk, boxes: ['box-a'] }]);
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    h.clock = OPENS;
    const c = h.cast(v, plain(2, false, [0, 3]), rng);
    await h.post(h.attest(BOXES[0]!, c));
    await h.post(h.tx(REGISTRAR, 'close', { election: setup.fingerprint }));
    const tally = h.state().closing!.tally as EncryptedTally<Ciphertext<bigint>>;
    await h.post(
      h.tx(
        TRUSTEES[0]!,
        'partial_decryption',
        partialDecryptionBody(G, setup.fingerprint, tally, 1, k.sk, rng),
      ),
    );
    await h.post(h.tx(REGISTRAR, 'result', lunwrap(resultBody(h.state()))));
    const view = h.view();
    expect(view.phase).toBe('done');
    expect(view.results && resultsToJson(view.results)).toEqual({
      questions: [
        {
          id: 'chair',
          counts: [
            ['ada', 0n],
            ['bo', 0n],
            ['cy', 1n],
            ['di', 0n],
            ['eve', 0n],
          ],
        },
        {
          id: 'budget',
          counts: [
            ['yes', 0n],
            ['no', 1n],
          ],
        },
        {
          id: 'board',
          counts: [
            ['f', 1n],
            ['g', 0n],
            ['h', 0n],
            ['i', 1n],
          ],
        },
      ],
    });
    const f = electionState(env, h.ledger.genesis, h.ledger.mainChain().slice(1));
    expect(f.refused).toEqual([]);
    expect(f.state.results).toEqual(view.results);
  });
});
