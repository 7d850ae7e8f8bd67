/**
 * What a node serves to peers and clients, independent of HTTP: the HTTP handlers call these, and the
 * in-memory {@link loopbackClient} calls them directly. Every push is checked in full before it is
 * stored, and answered only once stored.
 */
import type { TxAdded } from '../ledger/authority/mempool.js';
import type { LedgerResult } from '../ledger/errors.js';
import type { NodeChain, Origin } from './chain.js';
import type { TxIntake } from './intake.js';
import type { PeerHead, PostResult, WireEntry } from './peer-client.js';
import type { PeerSet } from './peers.js';

/** Largest page of blocks served at once. */
export const MAX_PAGE = 1024;

/** The served side of a node. */
export interface NodeApi {
  head(): PeerHead;
  blocks(from: number, limit: number): WireEntry[];
  /**
   * The same page as canonical JSON text `{"entries":[…]}` (cached; send it as raw JSON), cut at `budget`
   * bytes (default 8 MiB; the first entry is always sent).
   */
  blocksPage(from: number, limit: number, budget?: number): string;
  blocksByIds(ids: readonly string[]): WireEntry[];
  /** The same entries as canonical JSON text `{"entries":[…]}` (cached like {@link NodeApi.blocksPage}). */
  blocksByIdsPage(ids: readonly string[], budget?: number): string;
  /** `from`: the sending peer's URL when it says so (used to skip it when gossiping; never trusted for penalties). */
  submitTxs(txs: readonly unknown[], from?: string): Promise<LedgerResult<TxAdded>[]>;
  submitBlock(block: unknown, from?: string): Promise<PostResult>;
  submitApproval(approval: unknown, from?: string): Promise<PostResult>;
  peers(): string[];
}

function origin(from?: string): Origin {
  return from === undefined ? { kind: 'peer' } : { kind: 'peer', url: from };
}

/** The API of a node over its chain, intake and peer set. */
export function nodeApi(chain: NodeChain<unknown>, intake: TxIntake, peers: PeerSet): NodeApi {
  return {
    head: () => chain.head(),
    blocks: (from, limit) => chain.entriesFrom(from, Math.min(limit, MAX_PAGE)),
    blocksPage: (from, limit, budget) => chain.pageText(from, Math.min(limit, MAX_PAGE), budget),
    blocksByIds: (ids) => chain.entriesById(ids.slice(0, MAX_PAGE)),
    blocksByIdsPage: (ids, budget) => chain.pageTextById(ids.slice(0, MAX_PAGE), budget),
    submitTxs: (txs, from) => intake.submit(txs, origin(from)),
    submitBlock: (b, from) => chain.addBlock(b, origin(from)),
    submitApproval: (a, from) => chain.addApproval(a, origin(from)),
    peers: () => peers.active().map((p) => p.url),
  };
}

/** A transaction result as a post result. */
export function txPostResult(r: LedgerResult<TxAdded>): PostResult {
  return r.ok ? { ok: true, status: r.value.status } : { ok: false, code: r.code, message: r.message };
}
