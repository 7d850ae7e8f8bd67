/**
 * Gossip: every transaction and verdict that is new to this node is forwarded once to every active peer
 * except the one it came from; a block is pushed by the node that made it (and relayed only with
 * `relayBlocks`), since verdicts announce it and a node lacking it pulls it. Items already seen are never forwarded again, so messages do
 * not loop (a node forwards an item only when its own ledger found it new). Each peer has its own queue,
 * sent by one worker at a time: blocks first, then verdicts, then transactions in batches, so a slow
 * peer never holds up the others. A queue that outgrows its cap drops its oldest transactions (sync and
 * the peer's own pulls recover blocks and verdicts; transactions stay in this node's pool).
 */
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import { approvalJson } from '../ledger/authority/approval.js';
import { blockJson } from '../ledger/block.js';
import type { ChainEvents, NodeChain, Origin } from './chain.js';
import { PeerUnreachable } from './peer-client.js';
import type { PeerSet, PeerState } from './peers.js';
import { errorMessage, type NodeLogger, type Startable } from './service.js';

/** Tuning of gossip. */
export interface GossipOptions {
  /** Most transactions per post (default 1000). */
  readonly txBatch?: number;
  /** Most queued transactions per peer (default 100 000). */
  readonly maxQueue?: number;
  /** Time limit of one post in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /**
   * Relay blocks received from peers too (default false: a block is pushed by the node that made it, and
   * every other node learns of it from the verdicts that flood the network, then pulls it; see below).
   */
  readonly relayBlocks?: boolean;
}

interface Queue {
  blocks: JsonValue[];
  approvals: JsonValue[];
  txs: JsonValue[];
  running: boolean;
}

/** Counters (tests and metrics). */
export interface GossipStats {
  sentTxs: number;
  sentBlocks: number;
  sentApprovals: number;
  failedPosts: number;
}

/** The gossip service of one node. */
export class Gossip implements Startable {
  readonly stats: GossipStats = { sentTxs: 0, sentBlocks: 0, sentApprovals: 0, failedPosts: 0 };
  private readonly queues = new Map<string, Queue>();
  private readonly off: (() => void)[] = [];
  private abort = new AbortController();
  private readonly txBatch: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly relayBlocks: boolean;

  constructor(
    private readonly chain: NodeChain<unknown>,
    private readonly peers: PeerSet,
    private readonly logger: NodeLogger,
    opts: GossipOptions = {},
  ) {
    this.txBatch = opts.txBatch ?? 1000;
    this.maxQueue = opts.maxQueue ?? 100_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.relayBlocks = opts.relayBlocks ?? false;
  }

  async start(): Promise<void> {
    this.abort = new AbortController();
    const ev = this.chain.events;
    this.off.push(
      ev.on('txs', (e) => this.onTxs(e)),
      ev.on('block', (e) => this.onBlock(e)),
      ev.on('approval', (e) => this.onApproval(e)),
    );
  }

  async stop(): Promise<void> {
    for (const f of this.off.splice(0)) f();
    this.abort.abort();
    this.queues.clear();
  }

  /** Resolves when every queue is empty (tests). */
  async drain(): Promise<void> {
    while (
      [...this.queues.values()].some(
        (q) => q.running || q.txs.length + q.blocks.length + q.approvals.length > 0,
      )
    )
      await new Promise((r) => setTimeout(r, 5));
  }

  private onTxs(e: ChainEvents['txs']): void {
    for (const p of this.peers.active()) {
      const q = this.queue(p.url);
      for (const t of e.txs) if (t.origin.kind !== 'peer' || t.origin.url !== p.url) q.txs.push(t.json);
      if (q.txs.length > this.maxQueue) q.txs.splice(0, q.txs.length - this.maxQueue);
      if (!q.running && q.txs.length > 0) void this.run(p, q);
    }
  }

  private queue(url: string): Queue {
    let q = this.queues.get(url);
    if (!q) {
      q = { blocks: [], approvals: [], txs: [], running: false };
      this.queues.set(url, q);
    }
    return q;
  }

  private onBlock(e: ChainEvents['block']): void {
    // Blocks are large: only their maker pushes them (each peer gets each block once); the verdicts on a
    // block flood, and a node receiving a verdict on a block it lacks pulls the block (sync).
    if (e.origin.kind !== 'local' && !this.relayBlocks) return;
    const n = this.chain.ledger.get(e.id);
    if (n) this.enqueue(e.origin, (q) => q.blocks.push(blockJson(n.block)));
  }

  private onApproval(e: ChainEvents['approval']): void {
    this.enqueue(e.origin, (q) => q.approvals.push(approvalJson(e.approval)));
  }

  /** Adds an item to the queue of every active peer except the origin, and starts their workers. */
  private enqueue(origin: Origin, add: (q: Queue) => void): void {
    const from = origin.kind === 'peer' ? origin.url : undefined;
    for (const p of this.peers.active()) {
      if (p.url === from) continue;
      const q = this.queue(p.url);
      add(q);
      if (!q.running) void this.run(p, q);
    }
  }

  /** Sends a peer's queue until it is empty; stops at the first unreachable answer (the rest waits). */
  private async run(p: PeerState, q: Queue): Promise<void> {
    q.running = true;
    const signal = (): AbortSignal =>
      AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.timeoutMs)]);
    try {
      while (!this.abort.signal.aborted) {
        if (q.blocks.length > 0) {
          const b = q.blocks[0]!;
          await p.client.postBlock(b, signal());
          q.blocks.shift();
          this.stats.sentBlocks++;
        } else if (q.approvals.length > 0) {
          const a = q.approvals[0]!;
          await p.client.postApproval(a, signal());
          q.approvals.shift();
          this.stats.sentApprovals++;
        } else if (q.txs.length > 0) {
          const batch = q.txs.slice(0, this.txBatch);
          await p.client.postTxs(batch, signal());
          q.txs.splice(0, batch.length);
          this.stats.sentTxs += batch.length;
        } else break;
        this.peers.seen(p.url);
      }
    } catch (e) {
      this.stats.failedPosts++;
      if (!this.abort.signal.aborted) {
        const why = e instanceof PeerUnreachable ? e.message : errorMessage(e);
        this.peers.penalizeUnreachable(p.url, why);
        this.logger.debug({ peer: p.url, err: why }, 'gossip post failed; the queue waits');
        // retry later: the next item announced, or the periodic flush, restarts the worker
      }
    } finally {
      q.running = false;
    }
  }

  /** Restarts the workers of queues that stopped on a failure (called periodically by the node). */
  retry(): void {
    for (const p of this.peers.active()) {
      const q = this.queues.get(p.url);
      if (q && !q.running && q.txs.length + q.blocks.length + q.approvals.length > 0) void this.run(p, q);
    }
  }
}
