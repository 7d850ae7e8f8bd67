/**
 * The cryptography of an election node: the native backends of the election rules (fast ristretto255,
 * OpenSSL modp groups, Paillier on OpenSSL) with one cast cache shared by the node's ballot box, mempool,
 * miner and validator, and the trustee suites over the same backends.
 */
import { CastCache } from '../../ledger/election/cast-cache.js';
import type { ElectionEnv } from '../../ledger/election/env.js';
import { nativeTrusteeCrypto } from '../roles/trustee/native.js';
import type { SuiteFor } from '../roles/trustee/suite.js';

/** Rule environment and trustee suites of one node process. */
export interface ElectionNodeCrypto {
  /** The election rules' environment, with the process's cast cache. */
  readonly env: ElectionEnv & { readonly cache: CastCache };
  readonly suiteFor: SuiteFor;
}

/** Loads the native backends once (`paillierBits`: size of a new Paillier key, 3072 by default). */
export async function electionNodeCrypto(paillierBits?: number): Promise<ElectionNodeCrypto> {
  const c = await nativeTrusteeCrypto(paillierBits);
  return { env: { ...c.env, cache: new CastCache() }, suiteFor: c.suiteFor };
}
