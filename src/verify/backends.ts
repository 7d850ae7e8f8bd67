/**
 * The crypto backends the verifier runs on: the fastest Node offers (native or WebAssembly ristretto255,
 * OpenSSL modp groups and Paillier exponentiations, Ed25519 on node:crypto). The main thread builds the
 * election rules' environment from them; each worker thread loads the cast-checking context of one
 * election from a {@link CastSpec} (plain JSON, so it crosses the thread boundary).
 */

import type { JsonObject, JsonValue } from '../crypto/encoding/canonical-json.js';
import { ok, type Result } from '../crypto/result.js';
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import { electionScheme } from '../ledger/election/scheme-of.js';
import { fastElectionEnv } from '../ledger/node/election-env.js';
import { type CastContext, castContext } from '../protocol/cast/context.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import { readElection } from '../protocol/election/read.js';

export { fastElectionEnv };

/** What a worker needs to check the casts of one election: its definition and its election key (JSON). */
export interface CastSpec {
  readonly election: JsonObject;
  /** ElGamal: the group element's JSON; Paillier: the modulus n as a JSON integer. */
  readonly key: JsonValue;
}

/** The election definition and cast context of a spec, checking signatures with `ed`. */
export async function loadCastContext(
  spec: CastSpec,
  ed: Ed25519,
  paillierMinBits?: number,
): Promise<Result<{ definition: ElectionDefinition; context: CastContext<unknown> }>> {
  const def = readElection(spec.election);
  if (!def.ok) return def;
  const scheme = electionScheme(await fastElectionEnv(ed), def.value, spec.key, paillierMinBits);
  if (!scheme.ok) return scheme;
  return ok({ definition: def.value, context: castContext(def.value, scheme.value, ed) });
}
