/** The ballot scheme of an election, with its published election key decoded, on the environment's backends. */
import type { JsonValue } from '../../crypto/encoding/canonical-json.js';
import { PAILLIER_MIN_BITS, publicKeyFromJson } from '../../crypto/paillier/keys.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import type { ElectionDefinition } from '../../protocol/election/definition.js';
import { elgamalScheme } from '../../protocol/elgamal-scheme.js';
import { paillierScheme } from '../../protocol/paillier-scheme.js';
import type { BallotScheme } from '../../protocol/scheme.js';
import type { ElectionEnv } from './env.js';

/**
 * Decodes `key` — the election key as the ledger publishes it: the group element's JSON for ElGamal,
 * `{"n": modulus}` for Paillier — and builds the election's ballot scheme on `env`'s backends.
 */
export function electionScheme(
  env: Pick<ElectionEnv, 'groups' | 'paillier'>,
  def: ElectionDefinition,
  key: JsonValue,
  paillierMinBits = PAILLIER_MIN_BITS,
): Result<BallotScheme<unknown>> {
  if (def.scheme === 'paillier') {
    if (env.paillier === undefined)
      return fail('PARAMETER_INVALID', 'no Paillier backend for a Paillier election');
    const pk = publicKeyFromJson(key, paillierMinBits);
    return pk.ok ? ok(paillierScheme(env.paillier, pk.value) as BallotScheme<unknown>) : pk;
  }
  const name =
    def.scheme === 'elgamal-ristretto255'
      ? 'ristretto255'
      : def.scheme === 'elgamal-modp2048'
        ? 'modp2048'
        : 'modp3072';
  const G = env.groups[name];
  if (G === undefined) return fail('PARAMETER_INVALID', `no ${name} backend for this election`);
  const pk = G.fromJson(key);
  return pk.ok ? ok(elgamalScheme(G, pk.value)) : pk;
}
