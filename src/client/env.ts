/**
 * The crypto a client process runs the election rules with: the fastest ristretto255 backend, OpenSSL
 * modp groups and Paillier exponentiation, Ed25519 on node:crypto — the same backends as a node, so a
 * client's copy of the ledger checks every block as a node does.
 */
import type { Group } from '../crypto/group/group.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { opensslModp } from '../crypto/node/modp.js';
import { opensslEngine } from '../crypto/node/openssl-modpow.js';
import { loadFastRistretto } from '../crypto/node/ristretto.js';
import { paillier } from '../crypto/paillier/scheme.js';
import type { ElectionEnv } from '../ledger/election/env.js';

let loaded: Promise<ElectionEnv> | undefined;

/** The election rules' environment on native backends (loaded once per process). */
export function clientEnv(): Promise<ElectionEnv> {
  loaded ??= (async () => ({
    ed: ed25519Native,
    groups: {
      ristretto255: (await loadFastRistretto()) as Group<unknown>,
      modp2048: opensslModp('modp2048') as Group<unknown>,
      modp3072: opensslModp('modp3072') as Group<unknown>,
    },
    paillier: paillier(opensslEngine()),
  }))();
  return loaded;
}
