/**
 * The verifier on another group backend: an ElGamal modp2048 election with one trustee (n-of-n, n = 1),
 * its ballot checked on a worker thread when the worker is built.
 */
import { describe, expect, it } from 'vitest';
import type { Ciphertext } from '../../src/crypto/elgamal.js';
import { opensslModp } from '../../src/crypto/node/modp.js';
import { createTrusteeKey, trusteeKeyToJson } from '../../src/crypto/threshold/n-of-n.js';
import { blockJson } from '../../src/ledger/block.js';
import { type ElectionEnv, resultBody } from '../../src/ledger/election/index.js';
import { partialDecryptionBody } from '../../src/protocol/ceremony/decryption.js';
import { electionToJson } from '../../src/protocol/election/write.js';
import { createVoterKeys, voterKeysToJson } from '../../src/protocol/eligibility/voter-keys.js';
import type { EncryptedTally } from '../../src/protocol/tally.js';
import { verifyLedger } from '../../src/verify/verify.js';
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
} from '../ledger/election/harness.js';
import { seededRng } from '../support/rng.js';
import { exportLines, writeExport } from './fixture.js';

const G = opensslModp('modp2048');
const rng = seededRng('verify-modp');

describe('an ElGamal modp2048 election', () => {
  it('verifies, and names the trustee key and the single partial decryption', async () => {
    const env: ElectionEnv = { ed, groups: { modp2048: G } };
    const def = definition({
      scheme: 'elgamal-modp2048',
      trustees: { n: 1, k: 1, members: [{ index: 1, name: TRUSTEES[0]!.name, key: TRUSTEES[0]!.pk }] },
    });
    const h = await Harness.create(env, def);
    await h.post(h.tx(REGISTRAR, 'election', electionToJson(def)));
    const setup = h.state().setup!;
    const k = createTrusteeKey(G, setup.crypto.context, 1, rng);
    await h.post(h.tx(TRUSTEES[0]!, 'trustee_key', trusteeKeyToJson(G, k.publicKey)));
    const v = VOTERS[0]!;
    const record = createVoterKeys(ed, REGISTRAR.sk, setup.fingerprint, [{ key: v.pk, boxes: ['box-a'] }]);
    await h.post(h.tx(REGISTRAR, 'voter_keys', voterKeysToJson(record)));
    h.clock = OPENS;
    await h.post(h.attest(BOXES[0]!, h.cast(v, plain(2, false, [0, 3]), rng)));
    await h.post(h.tx(REGISTRAR, 'close', { election: setup.fingerprint }));
    const tally = h.state().closing!.tally as EncryptedTally<Ciphertext<bigint>>;
    const share = partialDecryptionBody(G, setup.fingerprint, tally, 1, k.sk, rng);
    await h.post(h.tx(TRUSTEES[0]!, 'partial_decryption', share));
    await h.post(h.tx(REGISTRAR, 'result', lunwrap(resultBody(h.state()))));
    const chain = h.ledger.mainChain();
    const lines = exportLines(
      blockJson(chain[0]!.block),
      chain.slice(1).map((n) => ({ time: n.time, txs: n.txs })),
    );
    const r = await verifyLedger(writeExport(lines), { workers: 1 });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.checks[2]!.summary).toMatch(/^1 of 1 trustee keys with proofs \(n-of-n\)/);
    expect(r.checks[7]!.summary).toBe('trustee 1 valid (1 needed), decrypted with trustee 1');
  });
});
