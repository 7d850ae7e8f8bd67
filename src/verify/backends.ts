/**
 * The crypto backends the verifier runs on: the fastest Node offers (native or WebAssembly ristretto255,
 * OpenSSL modp groups and Paillier exponentiations, Ed25519 on node:crypto). The main thread builds the
 * election rules' environment from them; each worker thread loads the cast-checking context of one
 * election from a {@link CastSpec} (plain JSON, so it crosses the thread boundary).
 */
import type { JsonObject, JsonValue } from '../crypto/encoding/canonical-json.js';
import { asBigInt } from '../crypto/encoding/canonical-json.js';
import type { Group } from '../crypto/group/group.js';
import { opensslModp } from '../crypto/node/modp.js';
import { opensslEngine } from '../crypto/node/openssl-modpow.js';
import { loadFastRistretto } from '../crypto/node/ristretto.js';
import { paillierPublicKey } from '../crypto/paillier/keys.js';
import { paillier } from '../crypto/paillier/scheme.js';
import { fail, ok, type Result } from '../crypto/result.js';
import type { Ed25519 } from '../crypto/sig/ed25519.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import { type CastContext, castContext } from '../protocol/cast/context.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import { readElection } from '../protocol/election/read.js';
import { elgamalScheme } from '../protocol/elgamal-scheme.js';
import { paillierScheme } from '../protocol/paillier-scheme.js';
import type { BallotScheme } from '../protocol/scheme.js';

/** The election rules' environment on the fastest backends, with `ed` for every signature. */
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

/** What a worker needs to check the casts of one election: its definition and its election key (JSON). */
export interface CastSpec {
  readonly election: JsonObject;
  /** ElGamal: the group element's JSON; Paillier: the modulus n as a JSON integer. */
  readonly key: JsonValue;
}

async function schemeOf(def: ElectionDefinition, key: JsonValue): Promise<Result<BallotScheme<unknown>>> {
  switch (def.scheme) {
    case 'elgamal-ristretto255': {
      const G = await loadFastRistretto();
      const pk = G.fromJson(key);
      return pk.ok ? ok(elgamalScheme(G, pk.value) as BallotScheme<unknown>) : pk;
    }
    case 'elgamal-modp2048':
    case 'elgamal-modp3072': {
      const G = opensslModp(def.scheme === 'elgamal-modp2048' ? 'modp2048' : 'modp3072');
      const pk = G.fromJson(key);
      return pk.ok ? ok(elgamalScheme(G, pk.value) as BallotScheme<unknown>) : pk;
    }
    case 'paillier': {
      const n = asBigInt(key);
      if (n === undefined) return fail('KEY_INVALID', 'the Paillier election key must be the modulus n');
      const pk = paillierPublicKey(n);
      return pk.ok ? ok(paillierScheme(paillier(opensslEngine()), pk.value) as BallotScheme<unknown>) : pk;
    }
  }
}

/** The election definition and cast context of a spec, checking signatures with `ed`. */
export async function loadCastContext(
  spec: CastSpec,
  ed: Ed25519,
): Promise<Result<{ definition: ElectionDefinition; context: CastContext<unknown> }>> {
  const def = readElection(spec.election);
  if (!def.ok) return def;
  const scheme = await schemeOf(def.value, spec.key);
  if (!scheme.ok) return scheme;
  return ok({ definition: def.value, context: castContext(def.value, scheme.value, ed) });
}
