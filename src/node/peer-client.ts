/**
 * How a node talks to another node, independent of HTTP. The HTTP layer's typed client implements
 * {@link PeerClient}; tests use the in-memory {@link loopbackClient}. Every call takes an AbortSignal and
 * throws {@link PeerUnreachable} when no valid answer arrives; a refused item is a returned
 * {@link PostResult}, not an exception.
 */
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import type { LedgerErrorCode } from '../ledger/errors.js';

/** Most blocks in one answer of {@link PeerClient.getBlocks} and {@link PeerClient.getBlocksByIds}. */
export const MAX_BLOCKS_PER_CALL = 1000;

/** What a peer says about its chain. */
export interface PeerHead {
  /** Genesis id: peers of another ledger are refused. */
  readonly genesis: string;
  /** Head chosen by fork choice. */
  readonly id: string;
  readonly height: number;
  /** Highest final block. */
  readonly final_id: string;
  readonly final_height: number;
}

/** One block with the verdicts the peer holds for it (the export line format). */
export interface WireEntry {
  readonly block: JsonValue;
  readonly approvals: readonly JsonValue[];
}

/** A page of blocks with the text it was read from. */
export interface BlocksPage {
  readonly entries: readonly WireEntry[];
  readonly text: string;
}

/** Outcome of posting one item to a peer. */
export type PostResult =
  | { readonly ok: true; readonly status: 'added' | 'known' | 'orphan' }
  | { readonly ok: false; readonly code: LedgerErrorCode | string; readonly message: string };

/** The calls a node makes to a peer. */
export interface PeerClient {
  /** The peer's URL as known to the peer set. */
  readonly url: string;
  /** The peer's head and last final block. */
  getHead(signal?: AbortSignal): Promise<PeerHead>;
  /**
   * Blocks of the peer's main chain from height `from` (inclusive), at most `limit`, in height order,
   * each with its approvals. Empty when `from` is above the peer's head.
   */
  getBlocks(from: number, limit: number, signal?: AbortSignal): Promise<readonly WireEntry[]>;
  /**
   * As {@link getBlocks}, with the answer's JSON text `{"entries":[…]}` as received, for clients that read
   * one (its signatures can then be checked on worker threads straight from the text).
   */
  getBlocksPage?(from: number, limit: number, signal?: AbortSignal): Promise<BlocksPage>;
  /** Blocks by id (unknown ids are left out), each with its approvals. */
  getBlocksByIds(ids: readonly string[], signal?: AbortSignal): Promise<readonly WireEntry[]>;
  /** Offers transactions; one result per transaction, in order. */
  postTxs(txs: readonly JsonValue[], signal?: AbortSignal): Promise<readonly PostResult[]>;
  /** Offers a block. */
  postBlock(block: JsonValue, signal?: AbortSignal): Promise<PostResult>;
  /** Offers an approval or rejection. */
  postApproval(approval: JsonValue, signal?: AbortSignal): Promise<PostResult>;
  /** URLs of the peers the peer knows (for discovery). */
  getPeers(signal?: AbortSignal): Promise<readonly string[]>;
}

/** No valid answer from a peer (down, timeout, abort, malformed response). */
export class PeerUnreachable extends Error {
  override readonly name = 'PeerUnreachable';
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
  }
}

/** Opens a client for a peer URL. */
export type PeerConnector = (url: string) => PeerClient;
