/**
 * Reading the election of a ledger: from the genesis content (`election`: the definition JSON) or from
 * the `election` transaction of the registrar the genesis names (`registrar`: its Ed25519 key).
 */
import { blindPublicKeyFromJson } from '../../crypto/blind/keys.js';
import { ok } from '../../crypto/result.js';
import type { ElectionDefinition } from '../../protocol/election/definition.js';
import { electionFingerprint } from '../../protocol/election/fingerprint.js';
import { checkLedgerParameters } from '../../protocol/election/ledger-parameters.js';
import { readElection } from '../../protocol/election/read.js';
import { eligibilityChecker } from '../../protocol/eligibility/for-election.js';
import type { AuthorityGenesis } from '../authority/genesis.js';
import { type LedgerResult, lfail, lwithin } from '../errors.js';
import { type ElectionCrypto, elgamalCrypto, paillierCrypto } from './crypto.js';
import type { ElectionEnv } from './env.js';
import { emptyHexMap } from './hex-map.js';
import type { ElectionLedgerState, ElectionSetup } from './state.js';

const KEY_RE = /^[0-9a-f]{64}$/;

function cryptoFor(
  env: ElectionEnv,
  def: ElectionDefinition,
  fp: string,
  t0: number,
): LedgerResult<ElectionCrypto> {
  if (def.scheme === 'paillier') {
    if (!env.paillier) return lfail('PARAMETER_INVALID', 'this node has no Paillier engine');
    return ok(paillierCrypto(env.paillier, def, fp, env.ed, env.paillierMinBits));
  }
  const name =
    def.scheme === 'elgamal-ristretto255'
      ? 'ristretto255'
      : def.scheme === 'elgamal-modp2048'
        ? 'modp2048'
        : 'modp3072';
  const G = env.groups[name];
  if (!G) return lfail('PARAMETER_INVALID', `this node has no ${name} group backend`);
  return ok(elgamalCrypto(G, def, fp, env.ed, t0));
}

/**
 * Checks a definition for this ledger and prepares what the rules need: `readElection`
 * (`ELECTION_INVALID`, `MANIFEST_INVALID`), the genesis repeats its validators, quorum and hardness
 * (`ELECTION_INVALID`), its eligibility mode is available (`ELIGIBILITY_INVALID`), and this node has the
 * scheme's backend (`PARAMETER_INVALID`). `height` and `time` are those of the defining block.
 */
export function defineElection(
  env: ElectionEnv,
  json: unknown,
  genesis: AuthorityGenesis,
  height: number,
  time: number,
): LedgerResult<ElectionSetup> {
  const d = readElection(json);
  if (!d.ok) return d;
  const definition = d.value;
  const params = checkLedgerParameters(definition, genesis);
  if (!params.ok) return params;
  const fingerprint = electionFingerprint(definition);
  const eligibility = eligibilityChecker(env.ed, definition);
  if (!eligibility.ok) return eligibility;
  const crypto = cryptoFor(env, definition, fingerprint, time);
  if (!crypto.ok) return crypto;
  const base = {
    definition,
    fingerprint,
    crypto: crypto.value,
    eligibility: eligibility.value,
    height,
    time,
  };
  if (definition.eligibility.mode !== 'blind-tokens') return ok(base);
  const tokenKey = blindPublicKeyFromJson(definition.eligibility.token_key);
  if (!tokenKey.ok) return lwithin('eligibility.token_key', tokenKey);
  return ok({ ...base, tokenKey: tokenKey.value });
}

/** The state of a ledger before any transaction. */
export function initialElectionState(env: ElectionEnv, genesis: AuthorityGenesis): ElectionLedgerState {
  const base: ElectionLedgerState = {
    ceremony: [],
    ballots: undefined,
    keys: emptyHexMap(),
    versions: emptyHexMap(),
    audits: undefined,
    decryptions: [],
    time: genesis.time,
  };
  const { registrar, election } = genesis.content;
  if (registrar !== undefined && (typeof registrar !== 'string' || !KEY_RE.test(registrar)))
    return { ...base, genesisProblem: 'genesis registrar must be a 64-digit hex Ed25519 key' };
  if (election === undefined)
    return registrar === undefined
      ? { ...base, genesisProblem: 'the genesis names no election and no registrar' }
      : { ...base, registrar };
  const setup = defineElection(env, election, genesis, 0, genesis.time);
  if (!setup.ok) return { ...base, genesisProblem: `genesis election: ${setup.code}: ${setup.message}` };
  const def = setup.value.definition;
  if (registrar !== undefined && registrar !== def.registrar)
    return { ...base, genesisProblem: 'the genesis registrar is not the registrar of its election' };
  return {
    ...base,
    registrar: def.registrar,
    setup: setup.value,
    eligibility: setup.value.eligibility.initial(),
  };
}
