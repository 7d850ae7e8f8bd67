/** What the election rules need from the process that runs them: crypto backends and an optional cache. */
import type { Group } from '../../crypto/group/group.js';
import type { Paillier } from '../../crypto/paillier/scheme.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import type { CastCache } from './cast-cache.js';

/** Groups of the ElGamal schemes, by group name. */
export interface ElectionGroups {
  readonly ristretto255?: Group<unknown>;
  readonly modp2048?: Group<unknown>;
  readonly modp3072?: Group<unknown>;
}

/** The environment of the election rules. */
export interface ElectionEnv {
  readonly ed: Ed25519;
  /** Group backends (e.g. the fast ristretto255 backend of `src/crypto/node/ristretto.ts`). */
  readonly groups: ElectionGroups;
  /** Paillier operations, for Paillier elections. */
  readonly paillier?: Paillier;
  /** Smallest Paillier modulus accepted in `paillier_key` (default 2048; tests use less). */
  readonly paillierMinBits?: number;
  /**
   * Results of cast checks this process already made, by election key and tracker. A node shares one
   * cache between its ballot box, mempool and block checks; a verifier starts with an empty one, so it
   * checks every cast itself (once).
   */
  readonly cache?: CastCache;
}
