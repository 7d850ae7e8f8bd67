/**
 * Validity of an authority block given its parent: the checks every node and every validator apply.
 * Pure: the parent's derived state and a duplicate test are passed in.
 */
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { checkPow, type IdentifiedBlock } from '../block.js';
import { type LedgerFailure, type LedgerResult, lfail, lwithin } from '../errors.js';
import { decodeAuthorityContent } from './content.js';
import type { AuthorityGenesis } from './genesis.js';
import type { TxContext, TxRegistry } from './registry.js';
import type { Tx } from './tx.js';
import { checkTxAllowed, checkTxStateless, type VerifiedTx } from './tx-check.js';

/** What a block check needs to know about the parent. */
export interface ParentView<S> {
  readonly id: string;
  readonly height: number;
  readonly time: number;
  /** Application state after the parent. */
  readonly state: S;
}

/** The environment of a block check. */
export interface BlockCheckEnv<S> {
  readonly genesis: AuthorityGenesis;
  readonly registry: TxRegistry<S>;
  readonly ed: Ed25519;
  /** The checker's clock, milliseconds since the epoch. */
  readonly now: number;
  /** True when the transaction id is already on the chain ending at the parent. */
  readonly onChain: (txId: string) => boolean;
  /** Transactions this node already checked (their body and signature checks are skipped). */
  readonly verified?: VerifiedTx;
  /** Transactions whose signature was already verified (only the signature check is skipped). */
  readonly signatureOk?: VerifiedTx;
  /** Told the outcome of each check as it runs (the last one told is the failing one, if any). */
  readonly trace?: (step: BlockCheckStep) => void;
}

/** The outcome of one check of {@link checkAuthorityBlock}, as told to {@link BlockCheckEnv.trace}. */
export interface BlockCheckStep {
  /** `miner`, `pow`, `parent`, `content`, `height`, `time`, `tx_count`, or `txs[i]` for a transaction. */
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed (`CODE: sentence`), or what was checked. */
  readonly message?: string;
}

/** A valid block with what it derives. */
export interface CheckedBlock<S> {
  readonly height: number;
  readonly time: number;
  readonly txs: readonly Tx[];
  readonly txIds: readonly string[];
  /** Application state after the block. */
  readonly state: S;
}

/**
 * Checks, in order: miner allow-list, proof of work, parent link, content shape, height = parent + 1,
 * parent time ≤ time ≤ now + futureMs, number of transactions, then each transaction in order (stateless
 * checks, not already on the chain or earlier in the block, allowed by its rule given the state so far).
 */
export function checkAuthorityBlock<S>(
  b: IdentifiedBlock,
  parent: ParentView<S>,
  env: BlockCheckEnv<S>,
): LedgerResult<CheckedBlock<S>> {
  const { genesis } = env;
  const { block, id } = b;
  const pass = (name: string, message?: string): void =>
    env.trace?.({ name, ok: true, ...(message !== undefined ? { message } : {}) });
  const fail = (name: string, f: LedgerFailure): LedgerFailure => {
    env.trace?.({ name, ok: false, message: `${f.code}: ${f.message}` });
    return f;
  };
  // 1. Miner allow-list, if the genesis has one.
  if (genesis.miners && !genesis.miners.includes(block.miner_name))
    return fail(
      'miner',
      lfail('BLOCK_MINER_UNKNOWN', `miner ${JSON.stringify(block.miner_name)} is not allowed to mine`),
    );
  pass('miner', genesis.miners ? `${block.miner_name} is allowed` : 'any miner may mine');
  // 2. Proof of work.
  const pow = checkPow(id, genesis.hardness);
  if (!pow.ok) return fail('pow', pow);
  pass('pow', `${genesis.hardness} leading zero bits`);
  // 3. Parent link.
  if (block.parent_id !== parent.id)
    return fail('parent', lfail('BLOCK_PARENT_UNKNOWN', 'parent_id is not the given parent'));
  pass('parent', `child of block ${parent.id} at height ${parent.height}`);
  // 4. Content shape.
  const c = decodeAuthorityContent(block.content);
  if (!c.ok) return fail('content', c);
  pass('content');
  const { height, time, txs } = c.value;
  // 5. Height follows the parent.
  if (height !== parent.height + 1)
    return fail(
      'height',
      lfail('BLOCK_HEIGHT_INVALID', `height is ${height}, expected ${parent.height + 1}`),
    );
  pass('height', `${height}`);
  // 6. Time is monotonic and not too far in the future.
  if (time < parent.time)
    return fail('time', lfail('BLOCK_TIME_INVALID', 'time is before the parent block time'));
  if (time > env.now + genesis.limits.futureMs)
    return fail(
      'time',
      lfail('BLOCK_TIME_INVALID', `time is more than ${genesis.limits.futureMs} ms in the future`),
    );
  pass('time', new Date(time).toISOString());
  // 7. Number of transactions.
  if (txs.length > genesis.limits.blockTxs)
    return fail(
      'tx_count',
      lfail('BLOCK_INVALID', `block has ${txs.length} transactions, the limit is ${genesis.limits.blockTxs}`),
    );
  pass('tx_count', `${txs.length} of at most ${genesis.limits.blockTxs}`);
  // 8. Each transaction, in order, against the state left by the ones before it.
  const at: TxContext = { genesis, height, time };
  let state = parent.state;
  const seen = new Set<string>();
  const out: Tx[] = [];
  for (let i = 0; i < txs.length; i++) {
    const step = `txs[${i}]`;
    const t = checkTxStateless(txs[i], genesis, env.registry, env.ed, env.verified, env.signatureOk);
    if (!t.ok) return fail(step, lwithin(step, t));
    const { tx, id: tid, rule } = t.value;
    if (seen.has(tid) || env.onChain(tid))
      return fail(step, lfail('TX_DUPLICATE', `${step}: transaction ${tid} is already on the chain`));
    seen.add(tid);
    const next = checkTxAllowed(rule, state, tx, at);
    if (!next.ok) return fail(step, lwithin(step, next));
    pass(step, `${tx.type} ${tid}`);
    state = next.value;
    out.push(tx);
  }
  return ok({ height, time, txs: out, txIds: [...seen], state });
}
