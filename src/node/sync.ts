/**
 * Sync (observer role, every node): on start, periodically, and whenever a block with an unknown parent
 * arrives, ask each active peer for its head and pull what this node lacks.
 *
 * Algorithm, per peer: read its head; a peer of another ledger is penalised and skipped; a peer whose
 * head this node knows and whose last final height is not above ours has nothing new. Otherwise pull the
 * peer's main chain in pages of `batch` blocks starting just above our last final block (blocks after it
 * may differ between branches, and their verdicts may be new): requests, signature checks on the worker
 * pool and storing run as a pipeline (the next pages are fetched and verified while the current one is
 * checked and stored). Each page is checked in full by the ledger and stored in one
 * database transaction. The first invalid entry stops the pull and penalises the peer; a refusal an honest
 * peer can cause (a branch that lost, clock skew) stops it without penalty; valid new blocks earn points.
 */
import type { NodeChain } from './chain.js';
import { judgeCode } from './judgement.js';
import { MAX_BLOCKS_PER_CALL, type PeerHead, type WireEntry } from './peer-client.js';
import type { PeerSet, PeerState } from './peers.js';
import { preverifyEntries } from './preverify.js';
import { errorMessage, type NodeLogger, type Startable, Wakeup } from './service.js';
import type { VerifyPool } from './verify-pool.js';

/** Options of sync. */
export interface SyncOptions {
  /** Blocks per page (default and most: 1000, the most a peer sends in one answer). */
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
    this.batch = Math.min(opts.batch ?? MAX_BLOCKS_PER_CALL, MAX_BLOCKS_PER_CALL);
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
    const from = ledger.lastFinal().height + 1;
    if (from > head.height) return; // the peer is not ahead (its verdicts come by gossip)
    // A three-stage pipeline: page requests go one after the other (each as soon as the previous answer
    // arrived), each page's signatures are verified on the pool as soon as it arrives, and pages are
    // checked and stored in order on this thread. At most PAGES_AHEAD pages wait beyond the one being
    // stored, so memory stays bounded while the peer, the workers and the database all keep busy.
    let stopped = false;
    let tail: Promise<number | undefined> = Promise.resolve(from);
    // The first pages are small, so that checking starts early; each next page doubles up to `batch`.
    let size = Math.min(this.batch, FIRST_PAGE);
    const request = (): Promise<Fetched | undefined> => {
      const limit = size;
      size = Math.min(this.batch, size * 2);
      const f = tail.then((at) =>
        at === undefined || at > head.height || stopped || this.abort.signal.aborted
          ? undefined
          : this.fetch(p, at, limit),
      );
      tail = f.then((x) => (x && x.page.length > 0 ? x.from + x.page.length : undefined));
      return f;
    };
    const queue: Promise<Fetched | undefined>[] = [];
    for (let i = 0; i < PAGES_AHEAD; i++) queue.push(request());
    try {
      while (queue.length > 0 && !this.abort.signal.aborted) {
        const fetched = await queue.shift()!;
        if (fetched === undefined || fetched.page.length === 0) return;
        queue.push(request());
        const { page } = fetched;
        const verified = await fetched.verified;
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
          return;
        }
      }
    } finally {
      // No new request after a stop; the ones in flight end on their own (their errors are handled).
      stopped = true;
      await Promise.all(queue.map((q) => q.then((x) => x?.verified).catch(() => undefined)));
    }
  }

  /**
   * Fetches the page starting at height `from` and, with a pool, starts verifying its signatures (the
   * verification is not awaited here, so the next request can go out at once).
   */
  private async fetch(p: PeerState, from: number, limit: number): Promise<Fetched | undefined> {
    try {
      const signal = this.signal();
      const got = p.client.getBlocksPage
        ? await p.client.getBlocksPage(from, limit, signal)
        : { entries: await p.client.getBlocks(from, limit, signal), text: undefined };
      const page = got.entries.slice(0, limit); // a peer sending more than asked is not read further
      if (!this.pool) return { from, page, verified: Promise.resolve(undefined) };
      // With the page's text, a worker parses it and builds the signature jobs itself; without it (an
      // in-memory peer) they are built here.
      const mempool = this.chain.mempool;
      const verified = (
        got.text !== undefined
          ? this.pool.verifyPage(got.text)
          : preverifyEntries(this.pool, page, (id) => mempool.has(id))
      ).catch(() => undefined);
      return { from, page, verified };
    } catch (e) {
      if (!this.abort.signal.aborted) this.peers.penalizeUnreachable(p.url, errorMessage(e));
      return undefined;
    }
  }
}

/** Blocks asked for in the first page of a pull. */
const FIRST_PAGE = 50;

/** Pages fetched (and being verified) beyond the one being checked and stored. */
const PAGES_AHEAD = 2;

/** A fetched page: its first height, its entries, and the ids whose signatures verified (with a pool). */
interface Fetched {
  readonly from: number;
  readonly page: readonly WireEntry[];
  readonly verified: Promise<Set<string> | undefined>;
}
