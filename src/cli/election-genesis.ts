/**
 * The genesis of an election's ledger: the authority genesis content (docs/ledger.md §3.1) with the
 * election definition and the registrar key (docs/election-ledger.md §1). It is made the way
 * `pnyx genesis create` makes a genesis — proof of work searched here, then the ledger's own genesis check
 * — and then the election rules read it as every node will on start, so a genesis that would run no
 * election is refused here.
 */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import { decodeAuthorityGenesis } from '../ledger/authority/genesis.js';
import { type Block, blockJson } from '../ledger/block.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import { initialElectionState } from '../ledger/election/setup.js';
import { searchNonceSync } from '../ledger/pow.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import { ledgerParameters } from '../protocol/election/ledger-parameters.js';
import { electionToJson } from '../protocol/election/write.js';

/** Extra genesis fields. */
export interface ElectionGenesisOptions {
  /** Genesis time, ms since the epoch. */
  readonly time: number;
  /** Names allowed to mine (default: anyone). */
  readonly miners?: readonly string[];
}

/** Builds and mines the genesis of `def`'s ledger; throws with a sentence when a rule is broken. */
export function electionGenesis(def: ElectionDefinition, env: ElectionEnv, o: ElectionGenesisOptions): Block {
  const p = ledgerParameters(def);
  const content: JsonObject = {
    profile: 'authority',
    hardness: p.hardness,
    quorum: p.quorum,
    validators: [...p.validators],
    time: o.time,
    ...(o.miners ? { miners: [...o.miners] } : {}),
    registrar: def.registrar,
    election: electionToJson(def),
  };
  const mined = searchNonceSync({ parent_id: '', miner_name: 'genesis', content }, p.hardness);
  if (!mined.ok) throw new Error(mined.message);
  // 1. The ledger's check, the same every node runs on start.
  const checked = decodeAuthorityGenesis(blockJson(mined.value));
  if (!checked.ok) throw new Error(`${checked.code}: ${checked.message}`);
  // 2. The election rules read the definition from it (scheme backend, eligibility mode, parameters).
  const state = initialElectionState(env, checked.value.genesis);
  if (state.genesisProblem !== undefined || state.setup === undefined)
    throw new Error(`the genesis would run no election: ${state.genesisProblem ?? 'no definition'}`);
  return mined.value;
}
