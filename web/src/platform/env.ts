/**
 * The crypto a browser runs the election rules with: noble's ristretto255, BigInt modp groups and
 * Paillier, and pure Ed25519 — the reference backends of `src/crypto`, which the Node backends are
 * cross-checked against, so a page's copy of the ledger checks every block as a node does.
 */

import type { Group } from '../../../src/crypto/group/group.js';
import { pureModp } from '../../../src/crypto/group/modp/index.js';
import { nobleRistretto } from '../../../src/crypto/group/ristretto/noble.js';
import { bigintEngine } from '../../../src/crypto/modarith.js';
import { paillier } from '../../../src/crypto/paillier/scheme.js';
import { ed25519Pure } from '../../../src/crypto/sig/ed25519.js';
import type { ElectionEnv } from '../../../src/ledger/election/env.js';

let env: ElectionEnv | undefined;

/** The election rules' environment on pure-JavaScript backends (made once per page or worker). */
export function browserEnv(): ElectionEnv {
  env ??= {
    ed: ed25519Pure,
    groups: {
      ristretto255: nobleRistretto() as Group<unknown>,
      modp2048: pureModp('modp2048') as Group<unknown>,
      modp3072: pureModp('modp3072') as Group<unknown>,
    },
    paillier: paillier(bigintEngine),
  };
  return env;
}

/** The platform CSPRNG (Web Crypto), the same {@link systemRng} the server code uses. */
export { systemRng as browserRng } from '../../../src/crypto/rng.js';
