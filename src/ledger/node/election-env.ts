/**
 * The election rules' environment on the fastest backends Node offers: native (or WebAssembly)
 * ristretto255, OpenSSL modp groups and Paillier exponentiations, with `ed` for every signature.
 */
import type { Group } from '../../crypto/group/group.js';
import { opensslModp } from '../../crypto/node/modp.js';
import { opensslEngine } from '../../crypto/node/openssl-modpow.js';
import { loadFastRistretto } from '../../crypto/node/ristretto.js';
import { paillier } from '../../crypto/paillier/scheme.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { ElectionEnv } from '../election/env.js';

/** Builds the environment (the optional `paillierMinBits` is passed through). */
export async function fastElectionEnv(ed: Ed25519, paillierMinBits?: number): Promise<ElectionEnv> {
  const ristretto255 = (await loadFastRistretto()) as Group<unknown>;
  return {
    ed,
    groups: {
      ristretto255,
      modp2048: opensslModp('modp2048') as Group<unknown>,
      modp3072: opensslModp('modp3072') as Group<unknown>,
    },
    paillier: paillier(opensslEngine()),
    ...(paillierMinBits === undefined ? {} : { paillierMinBits }),
  };
}
