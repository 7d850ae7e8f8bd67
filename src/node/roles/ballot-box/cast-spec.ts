/**
 * What a process (or a worker thread) needs to check the casts of an election on its own: the election
 * definition and the election public key, both as JSON, so that they cross thread boundaries. Each side
 * loads the fastest backends available to Node (native ristretto255 or WebAssembly, OpenSSL modp and
 * Paillier, Ed25519 on node:crypto).
 */
import type { JsonObject, JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../../crypto/node/ed25519-native.js';
import { ok, type Result } from '../../../crypto/result.js';
import { electionScheme } from '../../../ledger/election/scheme-of.js';
import { fastElectionEnv } from '../../../ledger/node/election-env.js';
import { type CastContext, castContext } from '../../../protocol/cast/context.js';
import type { ElectionDefinition } from '../../../protocol/election/definition.js';
import { readElection } from '../../../protocol/election/read.js';
import { electionToJson } from '../../../protocol/election/write.js';

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

/** Loads the cast context of a spec (`ELECTION_INVALID`, `KEY_INVALID`, `ELEMENT_INVALID` on a bad spec). */
export async function loadCastContext(spec: CastSpec): Promise<Result<CastContext<unknown>>> {
  const election = readElection(spec.election);
  if (!election.ok) return election;
  const env = await fastElectionEnv(ed25519Native);
  const scheme = electionScheme(env, election.value, spec.key, PAILLIER_TRUSTED_MIN_BITS);
  if (!scheme.ok) return scheme;
  return ok(castContext(election.value, scheme.value, ed25519Native));
}
