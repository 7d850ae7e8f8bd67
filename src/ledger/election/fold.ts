/**
 * `electionState`: the election from a list of blocks (the final main chain, genesis excluded, in
 * order), as the verifier and the explorer compute it from the ledger alone. Every transaction is checked
 * again — body, author's signature, duplicates, and its rule against the state so far — with a fresh
 * cast cache unless one is given. A transaction that fails is named (block height, position, id, code,
 * sentence) and left out; the fold goes on, so one run lists every problem.
 */
import type { AuthorityGenesis } from '../authority/genesis.js';
import type { TxContext } from '../authority/registry.js';
import { checkTxSignature, type Tx, txId } from '../authority/tx.js';
import type { LedgerErrorCode } from '../errors.js';
import { CastCache } from './cast-cache.js';
import type { ElectionEnv } from './env.js';
import { electionRegistry } from './registry.js';
import type { ElectionLedgerState } from './state.js';
import { type ElectionState, electionView } from './view.js';

/** A block as the fold reads it. */
export interface FoldBlock {
  readonly height: number;
  readonly time: number;
  readonly txs: readonly Tx[];
}

/** A transaction the fold refused. */
export interface RefusedTx {
  readonly height: number;
  /** Position in its block. */
  readonly index: number;
  readonly id: string;
  readonly type: string;
  readonly author: string;
  readonly code: LedgerErrorCode;
  readonly message: string;
}

/** Outcome of the fold. */
export interface FoldedElection {
  readonly state: ElectionState;
  /** The registry state after the last block (to continue block by block). */
  readonly ledgerState: ElectionLedgerState;
  readonly refused: readonly RefusedTx[];
}

/** Folds the blocks' transactions and derives the election state at `now` (default: the last block's time). */
export function electionState(
  env: ElectionEnv,
  genesis: AuthorityGenesis,
  blocks: readonly FoldBlock[],
  now?: number,
): FoldedElection {
  const registry = electionRegistry(env.cache ? env : { ...env, cache: new CastCache() });
  let state = registry.initial(genesis);
  const refused: RefusedTx[] = [];
  const seen = new Set<string>();
  let at: TxContext = { genesis, height: 0, time: genesis.time };
  // Checks one transaction and applies it; returns why it was refused, if it was.
  const check = (tx: Tx, id: string): { code: LedgerErrorCode; message: string } | undefined => {
    // 1. Known type, this ledger, body, signature, not a repeat.
    const rule = registry.rule(tx.type);
    if (!rule) return { code: 'TX_TYPE_UNKNOWN', message: `no rule for transaction type ${tx.type}` };
    if (tx.chain !== genesis.id)
      return { code: 'GENESIS_MISMATCH', message: 'transaction of another ledger' };
    const body = rule.checkBody(tx.body, tx);
    if (!body.ok) return body;
    const sig = checkTxSignature(env.ed, tx);
    if (!sig.ok) return sig;
    if (seen.has(id)) return { code: 'TX_DUPLICATE', message: `transaction ${id} is already on the chain` };
    // 2. The rule, given the state so far.
    const a = rule.allowed(state, tx, at);
    if (!a.ok) return a;
    seen.add(id);
    state = rule.apply(state, tx, at);
    return undefined;
  };
  for (const b of blocks) {
    at = { genesis, height: b.height, time: b.time };
    b.txs.forEach((tx, index) => {
      const id = txId(tx);
      const problem = check(tx, id);
      if (problem) {
        const { code, message } = problem;
        refused.push({ height: b.height, index, id, type: tx.type, author: tx.author, code, message });
      }
    });
  }
  const last = blocks.length > 0 ? blocks[blocks.length - 1]!.time : genesis.time;
  return { state: electionView(state, now ?? last), ledgerState: state, refused };
}

/** The election from a ledger's chain nodes (e.g. `ledger.mainChain()`, genesis first). */
export function electionStateOfChain(
  env: ElectionEnv,
  genesis: AuthorityGenesis,
  chain: readonly FoldBlock[],
  now?: number,
): FoldedElection {
  return electionState(env, genesis, chain.slice(1), now);
}
