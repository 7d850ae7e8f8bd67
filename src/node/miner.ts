/**
 * The miner role: waits for pending transactions, packs as many as a block holds (waiting up to
 * `batchMs` for more so blocks stay full under load), searches the proof of work off the main thread,
 * and offers the block to its own chain, which stores and gossips it. The search is aborted as soon as
 * the head moves (a competing block at the same height, or any new block), and the round restarts on
 * the new head.
 */

import type { Rng } from '../crypto/rng.js';
import { buildTemplate } from '../ledger/authority/miner.js';
import { type Block, blockJson } from '../ledger/block.js';
import { DEFAULT_NONCE_END, type PowSearch, powTemplate } from '../ledger/pow.js';
import { LOCAL, type NodeChain } from './chain.js';
import { type Clock, errorMessage, type NodeLogger, pause, type Startable, Wakeup } from './service.js';

/** Options of the miner. */
export interface MinerOptions {
  readonly name: string;
  readonly search: PowSearch;
  readonly now: Clock;
  readonly rng: Rng;
  readonly logger: NodeLogger;
  /** Time to wait for more transactions when the pool holds less than a full block (default 20 ms). */
  readonly batchMs?: number;
  /** Local cap on transactions per block (default: the genesis limit). */
  readonly maxTxs?: number;
  /** Most blocks mined ahead of the last final block (default 4): the miner waits for validators. */
  readonly maxAhead?: number;
}

/** Counters. */
export interface MinerStats {
  blocks: number;
  txs: number;
  aborted: number;
  hashes: number;
}

/** The miner service. */
export class MinerService implements Startable {
  readonly stats: MinerStats = { blocks: 0, txs: 0, aborted: 0, hashes: 0 };
  private readonly wake = new Wakeup();
  private abort = new AbortController();
  private round: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private readonly off: (() => void)[] = [];
  /** Searches in a row that failed without being aborted (a broken or exhausted search). */
  private failures = 0;

  constructor(
    private readonly chain: NodeChain<unknown>,
    private readonly opts: MinerOptions,
  ) {}

  async start(): Promise<void> {
    this.abort = new AbortController();
    const ev = this.chain.events;
    this.off.push(
      ev.on('txs', () => this.wake.notify()),
      ev.on('final', () => this.wake.notify()),
      ev.on('block', (e) => {
        // A block from elsewhere moves the head: the current search is on a stale parent.
        if (e.origin.kind === 'peer') this.round?.abort();
        this.wake.notify();
      }),
    );
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    for (const f of this.off.splice(0)) f();
    this.abort.abort();
    this.round?.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        if (!(await this.mineOnce())) await this.wake.wait(1000, signal);
      } catch (e) {
        this.opts.logger.error({ err: errorMessage(e) }, 'mining round failed');
        await pause(1000, signal);
      }
    }
  }

  /** One round; false when there was nothing to mine. */
  private async mineOnce(): Promise<boolean> {
    const { chain, opts } = this;
    const ledger = chain.ledger;
    const limits = ledger.genesis.limits;
    // Do not run too far ahead of finality: validators must keep up.
    if (ledger.head().height - ledger.lastFinal().height >= (opts.maxAhead ?? 4)) return false;
    if (chain.mempool.size === 0) return false;
    // Let a partial block fill up a little under load.
    const maxTxs = Math.min(opts.maxTxs ?? limits.blockTxs, limits.blockTxs);
    if (chain.mempool.size < maxTxs) await pause(opts.batchMs ?? 20, this.abort.signal);
    const t = buildTemplate(ledger, chain.mempool, { minerName: opts.name, now: opts.now, maxTxs });
    const txs = t.content.txs as unknown[];
    if (txs.length === 0) return false;
    this.round = new AbortController();
    const signal = AbortSignal.any([this.abort.signal, this.round.signal]);
    const parent = t.parent_id;
    const start = randomStart(opts.rng);
    const r = await opts.search(
      { template: powTemplate(t), hardness: ledger.genesis.hardness, start, end: DEFAULT_NONCE_END },
      { signal },
    );
    if (!r.ok) {
      this.stats.aborted++;
      // Aborted because the head moved: start over at once. Failed by itself (the search could not run
      // or found nothing): back off, or a search that fails at once would keep a core busy.
      if (!signal.aborted) await this.backOff(r.code, r.message);
      return true;
    }
    if (this.failures > 0) {
      opts.logger.info({ after: this.failures }, 'proof-of-work search works again');
      this.failures = 0;
    }
    // The head may have moved while searching: a block on a stale parent is still valid, but only worth
    // offering if its parent is still the head.
    if (ledger.head().id !== parent) {
      this.stats.aborted++;
      return true;
    }
    const block: Block = { ...t, nonce: r.value.nonce };
    const added = await chain.addBlock(blockJson(block), LOCAL);
    if (!added.ok) {
      opts.logger.warn({ code: added.code, err: added.message }, 'own block refused');
      return true;
    }
    this.stats.blocks++;
    this.stats.txs += txs.length;
    this.stats.hashes += r.value.hashes;
    opts.logger.debug(
      { id: r.value.id, height: t.content.height, txs: txs.length, ms: r.value.ms },
      'block mined',
    );
    return true;
  }

  /**
   * Waits after a failed search: 50 ms, doubling per failure in a row up to {@link MAX_BACKOFF_MS}. The
   * first failure of a run is logged; the following ones only count (no log flood from a tight failure).
   */
  private async backOff(code: string, message: string): Promise<void> {
    this.failures++;
    if (this.failures === 1)
      this.opts.logger.error({ code, err: message }, 'proof-of-work search failed; retrying with backoff');
    const ms = Math.min(MIN_BACKOFF_MS * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
    await pause(ms, this.abort.signal);
  }
}

/** First wait after a failed proof-of-work search. */
const MIN_BACKOFF_MS = 50;
/** Longest wait between failed proof-of-work searches. */
export const MAX_BACKOFF_MS = 5000;

/** A random first nonce in the lower half of the range, so two miners do not repeat each other's work. */
function randomStart(rng: Rng): number {
  const b = rng(4);
  return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) % (DEFAULT_NONCE_END / 2);
}
