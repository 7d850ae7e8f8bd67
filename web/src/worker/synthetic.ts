/**
 * A synthetic election for measuring the booth's encryption in a browser: one 1-of-5 question, the
 * ristretto255 ElGamal scheme, fresh keys everywhere (nobody holds the election key's secret after this
 * returns), the same definition builder and ballot code as a real election.
 */
import { ONE_OF_FIVE } from '../../../src/bench/fixtures.js';
import { toHex } from '../../../src/crypto/bytes.js';
import { unwrap } from '../../../src/crypto/result.js';
import type { Rng } from '../../../src/crypto/rng.js';
import { generateSigningKey } from '../../../src/crypto/sig/ed25519.js';
import type { ElectionEnv } from '../../../src/ledger/election/env.js';
import { electionScheme } from '../../../src/ledger/election/scheme-of.js';
import { type CastContext, castContext } from '../../../src/protocol/cast/context.js';
import { buildElection } from '../../../src/protocol/election/build.js';
import type { Plaintext } from '../../../src/protocol/selections.js';
import type { SyntheticElection } from './protocol.js';

/** The benchmark ballot: the third of five options. */
export const SYNTHETIC_VOTE: Plaintext = [[0, 0, 1, 0, 0]];

/** A fresh synthetic 1-of-5 election on `env` (plain data: it can be posted to the worker). */
export function syntheticElection(env: ElectionEnv, rng: Rng): SyntheticElection {
  const G = env.groups.ristretto255!;
  const key = () => toHex(generateSigningKey(env.ed, rng).publicKey);
  const now = Date.now();
  const definition = unwrap(
    buildElection({
      id: 'bench-booth',
      manifest: ONE_OF_FIVE,
      scheme: 'elgamal-ristretto255',
      schedule: { opens_at: now - 60_000, closes_at: now + 3_600_000 },
      boxes: [{ id: 'box', key: key(), url: 'http://127.0.0.1:1/' }],
      validators: [key()],
      trustees: { n: 1, k: 1, members: [{ index: 1, name: 't', key: key() }] },
      registrar: key(),
      roll: { count: 1, hash: '00'.repeat(32) },
    }),
  );
  return { definition, key: G.toJson(G.expG(G.randomScalar(rng))) };
}

/** The cast context of a synthetic election on `env`. */
export function syntheticContext(env: ElectionEnv, s: SyntheticElection): CastContext<unknown> {
  return castContext(s.definition, unwrap(electionScheme(env, s.definition, s.key)), env.ed);
}
