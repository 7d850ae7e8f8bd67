/**
 * The cryptography of a trustee process on Node: the fastest ristretto255 backend, OpenSSL modp groups,
 * Paillier on OpenSSL exponentiation with OpenSSL primes (3072-bit keys), and the matching environment
 * of the election rules for a ledger replica. One set of backends serves both, so the groups agree.
 */
import type { Group } from '../../../crypto/group/group.js';
import { ed25519Native } from '../../../crypto/node/ed25519-native.js';
import { opensslModp } from '../../../crypto/node/modp.js';
import { opensslEngine } from '../../../crypto/node/openssl-modpow.js';
import { opensslPrime } from '../../../crypto/node/openssl-primes.js';
import { loadFastRistretto } from '../../../crypto/node/ristretto.js';
import { PAILLIER_DEFAULT_BITS } from '../../../crypto/paillier/keys.js';
import { paillier } from '../../../crypto/paillier/scheme.js';
import type { ElectionEnv } from '../../../ledger/election/env.js';
import type { SuiteFor } from './suite.js';

/** Suite and rule environment on the native backends. */
export interface NativeTrusteeCrypto {
  readonly suiteFor: SuiteFor;
  readonly env: ElectionEnv;
}

/** Loads the native backends (`bits`: size of a new Paillier key, 3072 unless a test says otherwise). */
export async function nativeTrusteeCrypto(bits = PAILLIER_DEFAULT_BITS): Promise<NativeTrusteeCrypto> {
  const ristretto255 = (await loadFastRistretto()) as Group<unknown>;
  const modp2048 = opensslModp('modp2048') as Group<unknown>;
  const modp3072 = opensslModp('modp3072') as Group<unknown>;
  const P = paillier(opensslEngine());
  const suiteFor: SuiteFor = (scheme) => {
    if (scheme === 'paillier') return { kind: 'paillier', P, generatePrime: opensslPrime, bits };
    const G =
      scheme === 'elgamal-ristretto255' ? ristretto255 : scheme === 'elgamal-modp2048' ? modp2048 : modp3072;
    return { kind: 'elgamal', G };
  };
  return { suiteFor, env: { ed: ed25519Native, groups: { ristretto255, modp2048, modp3072 }, paillier: P } };
}
