/**
 * The miner role: packs pending transactions into a block on the current head and searches its proof
 * of work with an injected {@link PowSearch}, then offers the block to the ledger.
 */
import { ok } from '../../crypto/result.js';
import { type Block, blockJson } from '../block.js';
import { type LedgerResult, lfail } from '../errors.js';
import { DEFAULT_NONCE_END, type PowProgress, type PowSearch, powTemplate } from '../pow.js';
import type { AuthorityLedger } from './ledger.js';
import type { Mempool } from './mempool.js';
import { txJson } from './tx.js';

/** Options of one mining round. */
export interface MineOptions {
  readonly minerName: string;
  readonly search: PowSearch;
  /** Clock in milliseconds since the epoch. */
  readonly now: () => number;
  /** Local caps below the genesis limits. */
  readonly maxTxs?: number;
  readonly maxBytes?: number;
  /** Mine even with no pending transaction (default false). */
  readonly allowEmpty?: boolean;
  /** First nonce tried (default 0; a random start avoids two miners repeating each other's work). */
  readonly startNonce?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: PowProgress) => void;
}

/** A mined block. */
export interface Mined {
  readonly id: string;
  readonly block: Block;
  readonly hashes: number;
  readonly ms: number;
}

/** Room kept for the envelope and content keys when filling a block. */
const ENVELOPE_ROOM = 1024;

/** Builds a block template on the head without a nonce. */
export function buildTemplate<S>(
  ledger: AuthorityLedger<S>,
  pool: Mempool<S>,
  opts: Pick<MineOptions, 'minerName' | 'now' | 'maxTxs' | 'maxBytes'>,
): Omit<Block, 'nonce'> {
  const head = ledger.head();
  const limits = ledger.genesis.limits;
  const height = head.height + 1;
  const time = Math.max(opts.now(), head.time);
  const maxTxs = Math.min(opts.maxTxs ?? limits.blockTxs, limits.blockTxs);
  const maxBytes = Math.min(opts.maxBytes ?? limits.blockBytes, limits.blockBytes) - ENVELOPE_ROOM;
  const txs = pool.select(maxTxs, maxBytes - opts.minerName.length * 6, height, time);
  return { parent_id: head.id, miner_name: opts.minerName, content: { height, time, txs: txs.map(txJson) } };
}

/** Mines one block on the current head and adds it to the ledger. */
export async function mineBlock<S>(
  ledger: AuthorityLedger<S>,
  pool: Mempool<S>,
  opts: MineOptions,
): Promise<LedgerResult<Mined>> {
  const t = buildTemplate(ledger, pool, opts);
  const txs = t.content.txs as unknown[];
  if (txs.length === 0 && !opts.allowEmpty) return lfail('MINING_ABORTED', 'no pending transaction to mine');
  const start = opts.startNonce ?? 0;
  const r = await opts.search(
    {
      template: powTemplate(t),
      hardness: ledger.genesis.hardness,
      start,
      end: Math.max(start + 1, DEFAULT_NONCE_END),
    },
    {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    },
  );
  if (!r.ok) return r;
  const block: Block = { ...t, nonce: r.value.nonce };
  const added = await ledger.addBlock(blockJson(block));
  if (!added.ok) return added;
  await pool.prune();
  return ok({ id: r.value.id, block, hashes: r.value.hashes, ms: r.value.ms });
}
