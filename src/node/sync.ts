/**
 * Sync (observer role, every node): on start, periodically, and whenever a block with an unknown parent
 * arrives, ask each active peer for its head and pull what this node lacks.
 *
 * Algorithm, per peer: read its head; a peer of another ledger is penalised and skipped; a peer whose
 * head this node knows and whose last final height is not above ours has nothing new. Otherwise pull the
 * peer's main chain in pages of `batch` blocks starting just above our last final block (blocks after it
 * may differ between branches, and their verdicts may be new), the next page being fetched while the
 * current one is checked and stored. Each page is checked in full by the ledger and stored in one
 * database transaction. The first invalid entry stops the pull and penalises the peer; a refusal an honest
 * peer can cause (a branch that lost, clock skew) stops it without penalty; valid new blocks earn points.
 */
import type { NodeChain } from './chain.js';
import { judgeCode } from './judgement.js';
import type { PeerHead, WireEntry } from './peer-client.js';
import type { PeerSet, PeerState } from './peers.js';
import { preverifyEntries } from './preverify.js';
import { errorMessage, type NodeLogger, type Startable, Wakeup } from './service.js';
import type { VerifyPool } from './verify-pool.js';

/** Options of sync. */
export interface SyncOptions {
  /** Blocks per page (default 256). */
  readonly batch?: number;
  /** Time between two rounds in milliseconds (default 2000). */
  readonly intervalMs?: number;
  /** Time limit of one call in milliseconds (default 20 000). */
  readonly timeoutMs?: number;
  /** Verifies the signatures of each fetched page on worker threads while the previous page is stored. */
  readonly pool?: VerifyPool;
}

/** Counters. */
export interface SyncStats {
  rounds: number;
  blocks: number;
  approvals: number;
  refused: number;
}

/** The sync service. */
export class SyncService implements Startable {
  readonly stats: SyncStats = { rounds: 0, blocks: 0, approvals: 0, refused: 0 };
  private readonly wake = new Wakeup();
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private off: (() => void) | undefined;
  private readonly batch: number;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly pool: VerifyPool | undefined;

  constructor(
    private readonly chain: NodeChain<unknown>,
    private readonly peers: PeerSet,
    private readonly logger: NodeLogger,
    opts: SyncOptions = {},
  ) {
    this.batch = opts.batch ?? 256;
    this.intervalMs = opts.intervalMs ?? 2000;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.pool = opts.pool;
  }

  async start(): Promise<void> {
    this.abort = new AbortController();
    this.off = this.chain.events.on('behind', () => this.wake.notify());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.off?.();
    this.abort.abort();
    await this.loop;
  }

  /** Asks for a round now. */
  trigger(): void {
    this.wake.notify();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      await this.round();
      await this.wake.wait(this.intervalMs, signal);
    }
  }

  /** One round over every active peer, best first. */
  async round(): Promise<void> {
    this.stats.rounds++;
    for (const p of this.peers.active()) {
      if (this.abort.signal.aborted) return;
      await this.syncFrom(p);
    }
  }

  private signal(): AbortSignal {
    return AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.timeoutMs)]);
  }

  /** Pulls what one peer has and this node lacks. */
  async syncFrom(p: PeerState): Promise<void> {
    const ledger = this.chain.ledger;
    let head: PeerHead;
    try {
      head = await p.client.getHead(this.signal());
    } catch (e) {
      if (!this.abort.signal.aborted) this.peers.penalizeUnreachable(p.url, errorMessage(e));
      return;
    }
    this.peers.seen(p.url);
    if (head.genesis !== ledger.genesis.id) {
      this.peers.penalizeInvalid(p.url, 'the peer follows another ledger');
      return;
    }
    if (ledger.get(head.id) && head.final_height <= ledger.lastFinal().height) return;
    let from = ledger.lastFinal().height + 1;
    if (from > head.height) return; // the peer is not ahead (its verdicts come by gossip)
    let next = this.fetch(p, from);
    while (from <= head.height && !this.abort.signal.aborted) {
      const fetched = await next;
      if (fetched === undefined || fetched.page.length === 0) return;
      const { page, verified } = fetched;
      from += page.length;
      // Fetch the next page while this one is checked and stored.
      next = from <= head.height ? this.fetch(p, from) : Promise.resolve(undefined);
      const r = await this.chain.addEntries(
        page,
        { kind: 'peer', url: p.url },
        verified ? (id) => verified.has(id) : undefined,
      );
      this.stats.blocks += r.blocks;
      this.stats.approvals += r.approvals;
      if (r.blocks > 0) this.peers.reward(p.url, Math.min(10, r.blocks));
      if (r.failure) {
        this.stats.refused++;
        const why = `${r.failure.code}: ${r.failure.message}`;
        if (judgeCode(r.failure.code) === 'reject') this.peers.penalizeInvalid(p.url, why);
        this.logger.info({ peer: p.url, why }, 'sync stopped at a refused block');
        await next.catch(() => undefined);
        return;
      }
    }
    await next.catch(() => undefined);
  }

  /** Fetches a page and, with a pool, verifies its signatures in parallel. */
  private async fetch(
    p: PeerState,
    from: number,
  ): Promise<{ page: readonly WireEntry[]; verified?: Set<string> } | undefined> {
    try {
      const page = (await p.client.getBlocks(from, this.batch, this.signal())).slice(0, this.batch); // a peer sending more than asked is not read further
      if (!this.pool) return { page };
      const mempool = this.chain.mempool;
      const verified = await preverifyEntries(this.pool, page, (id) => mempool.has(id)).catch(
        () => undefined,
      );
      return verified ? { page, verified } : { page };
    } catch (e) {
      if (!this.abort.signal.aborted) this.peers.penalizeUnreachable(p.url, errorMessage(e));
      return undefined;
    }
  }
}
