/**
 * What a process (or a worker thread) needs to check the casts of an election on its own: the election
 * definition and the election public key, both as JSON, so that they cross thread boundaries. Each side
 * loads the fastest backends available to Node (native ristretto255 or WebAssembly, OpenSSL modp and
 * Paillier, Ed25519 on node:crypto).
 */
import type { JsonObject, JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../../crypto/node/ed25519-native.js';
import { opensslModp } from '../../../crypto/node/modp.js';
import { opensslEngine } from '../../../crypto/node/openssl-modpow.js';
import { loadFastRistretto } from '../../../crypto/node/ristretto.js';
import { publicKeyFromJson } from '../../../crypto/paillier/keys.js';
import { paillier } from '../../../crypto/paillier/scheme.js';
import { ok, type Result } from '../../../crypto/result.js';
import { type CastContext, castContext } from '../../../protocol/cast/context.js';
import type { ElectionDefinition } from '../../../protocol/election/definition.js';
import { readElection } from '../../../protocol/election/read.js';
import { electionToJson } from '../../../protocol/election/write.js';
import { elgamalScheme } from '../../../protocol/elgamal-scheme.js';
import { paillierScheme } from '../../../protocol/paillier-scheme.js';
import type { BallotScheme } from '../../../protocol/scheme.js';

/**
 * The election and its public key. `key` is the election key as published by the key ceremony: for
 * ElGamal the group element's JSON (`Group.toJson`), for Paillier `{"n": modulus}` — the ledger's
 * `ElectionKey.publicKey` in both cases.
 */
export interface CastSpec {
  readonly election: JsonObject;
  readonly key: JsonValue;
}

/** Smallest Paillier modulus the box loads (the ledger's rules enforce the election's own minimum). */
const PAILLIER_TRUSTED_MIN_BITS = 512;

/** The spec of a definition and its key. */
export function castSpec(election: ElectionDefinition, key: JsonValue): CastSpec {
  return { election: electionToJson(election), key };
}

/** The ballot scheme of `election` with its key decoded, on Node's fast backends. */
async function schemeOf(
  election: ElectionDefinition,
  key: JsonValue,
): Promise<Result<BallotScheme<unknown>>> {
  switch (election.scheme) {
    case 'elgamal-ristretto255': {
      const G = await loadFastRistretto();
      const pk = G.fromJson(key);
      return pk.ok ? ok(elgamalScheme(G, pk.value) as BallotScheme<unknown>) : pk;
    }
    case 'elgamal-modp2048':
    case 'elgamal-modp3072': {
      const G = opensslModp(election.scheme === 'elgamal-modp2048' ? 'modp2048' : 'modp3072');
      const pk = G.fromJson(key);
      return pk.ok ? ok(elgamalScheme(G, pk.value) as BallotScheme<unknown>) : pk;
    }
    case 'paillier': {
      // The ledger's rules checked the key's size; the box takes the published key as it is.
      const pk = publicKeyFromJson(key, PAILLIER_TRUSTED_MIN_BITS);
      return pk.ok ? ok(paillierScheme(paillier(opensslEngine()), pk.value) as BallotScheme<unknown>) : pk;
    }
  }
}

/** Loads the cast context of a spec (`ELECTION_INVALID`, `KEY_INVALID`, `ELEMENT_INVALID` on a bad spec). */
export async function loadCastContext(spec: CastSpec): Promise<Result<CastContext<unknown>>> {
  const election = readElection(spec.election);
  if (!election.ok) return election;
  const scheme = await schemeOf(election.value, spec.key);
  if (!scheme.ok) return scheme;
  return ok(castContext(election.value, scheme.value, ed25519Native));
}
