/**
 * The peer set: known peers with a score kept in the store's `peers` table. Valid data earns a point
 * (up to {@link PeerPolicy.maxScore}); invalid data costs {@link PeerPolicy.invalidPenalty}, an unanswered
 * call {@link PeerPolicy.unreachablePenalty}. A peer whose score falls to {@link PeerPolicy.banScore} or
 * below is banned for {@link PeerPolicy.banMs}: no call goes to it and nothing is pulled from it. When
 * the ban ends its score restarts at half the ban score. Discovery adds URLs learnt from peers, up to
 * {@link PeerPolicy.maxPeers}.
 */
import type { LedgerStore } from '../ledger/store.js';
import { checkPeerUrl } from './config.js';
import type { PeerClient, PeerConnector } from './peer-client.js';
import { type Clock, errorMessage, type NodeLogger } from './service.js';

/** Scoring and ban rules. */
export interface PeerPolicy {
  readonly invalidPenalty: number;
  readonly unreachablePenalty: number;
  readonly maxScore: number;
  readonly banScore: number;
  readonly banMs: number;
  readonly maxPeers: number;
}

/** Defaults: five invalid items, or twenty unanswered calls in a row, ban a peer for ten minutes. */
export const DEFAULT_PEER_POLICY: PeerPolicy = Object.freeze({
  invalidPenalty: 20,
  unreachablePenalty: 5,
  maxScore: 100,
  banScore: -100,
  banMs: 600_000,
  maxPeers: 64,
});

/** A peer as the node sees it. */
export interface PeerState {
  readonly url: string;
  readonly client: PeerClient;
  score: number;
  lastSeen: number | null;
  /** Milliseconds since the epoch until which the peer is banned, or 0. */
  bannedUntil: number;
}

/** What the peer set needs. */
export interface PeerSetOptions {
  readonly store: LedgerStore;
  readonly connect: PeerConnector;
  readonly now: Clock;
  readonly logger: NodeLogger;
  /** This node's own URL, never added as a peer. */
  readonly self?: string;
  readonly policy?: Partial<PeerPolicy>;
}

/** Known peers, their scores and bans. */
export class PeerSet {
  readonly policy: PeerPolicy;
  private readonly map = new Map<string, PeerState>();

  constructor(private readonly opts: PeerSetOptions) {
    this.policy = { ...DEFAULT_PEER_POLICY, ...opts.policy };
  }

  /** Loads stored peers, then adds the configured ones. A stored score at or below the ban score bans the peer anew. */
  async load(configured: readonly string[]): Promise<void> {
    for (const row of await this.opts.store.peers()) {
      const p = this.insert(row.url, row.score, row.last_seen);
      if (p && p.score <= this.policy.banScore) p.bannedUntil = this.opts.now() + this.policy.banMs;
    }
    for (const url of configured) this.add(url);
  }

  /** Adds a peer URL (checked; own URL, duplicates and overflow ignored). Returns true if it is new. */
  add(url: string): boolean {
    const u = checkPeerUrl(url);
    if (!u.ok || this.map.has(u.value)) return false;
    const p = this.insert(u.value, 0, null);
    if (p) this.persist(p);
    return p !== undefined;
  }

  private insert(url: string, score: number, lastSeen: number | null): PeerState | undefined {
    if (url === this.opts.self || this.map.size >= this.policy.maxPeers) return undefined;
    const p: PeerState = { url, client: this.opts.connect(url), score, lastSeen, bannedUntil: 0 };
    this.map.set(url, p);
    return p;
  }

  /** Forgets a peer (and its stored row stays until overwritten; an operator's `--peers` adds it back). */
  remove(url: string): boolean {
    return this.map.delete(url);
  }

  /** Every known peer. */
  all(): PeerState[] {
    return [...this.map.values()];
  }

  /** Peers that are not banned, best score first. Ends bans that are over. */
  active(): PeerState[] {
    const now = this.opts.now();
    const out: PeerState[] = [];
    for (const p of this.map.values()) {
      if (p.bannedUntil > now) continue;
      if (p.bannedUntil !== 0) {
        p.bannedUntil = 0;
        p.score = Math.trunc(this.policy.banScore / 2);
        this.opts.logger.info({ peer: p.url }, 'peer ban ended');
        this.persist(p);
      }
      out.push(p);
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** A peer by URL. */
  get(url: string): PeerState | undefined {
    return this.map.get(url);
  }

  /** True while a peer is banned. */
  isBanned(url: string): boolean {
    return (this.map.get(url)?.bannedUntil ?? 0) > this.opts.now();
  }

  /** The peer served valid, new data. */
  reward(url: string, points = 1): void {
    const p = this.map.get(url);
    if (!p) return;
    p.lastSeen = this.opts.now();
    const next = Math.min(this.policy.maxScore, p.score + points);
    if (next !== p.score) {
      p.score = next;
      this.persist(p);
    }
  }

  /** The peer answered (no score change). */
  seen(url: string): void {
    const p = this.map.get(url);
    if (p) p.lastSeen = this.opts.now();
  }

  /** The peer served invalid data. */
  penalizeInvalid(url: string, why: string): void {
    this.penalize(url, this.policy.invalidPenalty, why);
  }

  /** The peer did not answer. */
  penalizeUnreachable(url: string, why: string): void {
    this.penalize(url, this.policy.unreachablePenalty, why);
  }

  private penalize(url: string, points: number, why: string): void {
    const p = this.map.get(url);
    if (!p) return;
    p.score -= points;
    this.opts.logger.warn({ peer: url, score: p.score, why }, 'peer penalised');
    if (p.score <= this.policy.banScore && p.bannedUntil <= this.opts.now()) {
      p.bannedUntil = this.opts.now() + this.policy.banMs;
      this.opts.logger.warn({ peer: url, until: p.bannedUntil }, 'peer banned');
    }
    this.persist(p);
  }

  /** Writes a peer's score; the peers table is advisory, so a failed write is logged, not fatal. */
  private persist(p: PeerState): void {
    this.opts.store
      .upsertPeer({ url: p.url, score: p.score, last_seen: p.lastSeen })
      .catch((e: unknown) =>
        this.opts.logger.error({ peer: p.url, err: errorMessage(e) }, 'cannot store peer'),
      );
  }
}
