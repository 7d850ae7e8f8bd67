/**
 * What the ledger engine needs from storage. The engine does no I/O itself: a store is injected.
 * `src/store` implements this over Kysely (SQLite or PostgreSQL); tests may use {@link MemoryStore}.
 *
 * Durability contract: every method resolves only once its write is durable (acknowledged data
 * survives a crash), and {@link LedgerStore.recordSigning} is atomic.
 */

/** A transaction row, for the explorer indexes. */
export interface StoredTx {
  /** Transaction id (hex SHA-256 of the canonical transaction). */
  readonly id: string;
  readonly type: string;
  readonly author: string;
  /** Position in the block. */
  readonly index: number;
}

/** A block as stored. */
export interface StoredBlock {
  readonly id: string;
  readonly height: number;
  /** `""` for the genesis. */
  readonly parent_id: string;
  /** Canonical JSON of the block. */
  readonly json: string;
  /** Transactions of an authority block (empty for the runner profile). */
  readonly txs: readonly StoredTx[];
}

/** A verdict kept beside a block. */
export interface StoredApproval {
  readonly block_id: string;
  readonly height: number;
  readonly validator: string;
  readonly verdict: 'approve' | 'reject';
  /** Canonical JSON of the signed approval. */
  readonly json: string;
}

/** A pending transaction. */
export interface StoredPending {
  readonly id: string;
  readonly json: string;
}

/** What a validator signed; at most one approval per validator and height. */
export interface SigningRecord {
  readonly validator: string;
  readonly height: number;
  readonly block_id: string;
  readonly verdict: 'approve' | 'reject';
  /** Canonical JSON of the signed approval or rejection. */
  readonly json: string;
}

/** Outcome of {@link LedgerStore.recordSigning}. */
export type SigningOutcome =
  | { readonly kind: 'recorded' }
  /** The same validator already signed this block: the earlier record is returned. */
  | { readonly kind: 'existing'; readonly record: SigningRecord }
  /** The validator already approved another block at this height. */
  | { readonly kind: 'conflict'; readonly record: SigningRecord };

/** A known peer. */
export interface PeerRow {
  readonly url: string;
  readonly score: number;
  /** Milliseconds since the epoch, or null if never reached. */
  readonly last_seen: number | null;
}

/** Several writes applied in one database transaction (all or nothing, durable when it resolves). */
export interface WriteBatch {
  /** Blocks in parent-before-child order; known ids are skipped. */
  readonly blocks?: readonly StoredBlock[];
  /** Approvals; a validator's verdict already stored for a block is skipped. */
  readonly approvals?: readonly StoredApproval[];
  /** Pending transactions to add (known ids are skipped). */
  readonly pending?: readonly StoredPending[];
  /** Pending transactions to remove. */
  readonly removePending?: readonly string[];
}

/** Storage used by the ledger engine, validators, mempool and (later) the network layer. */
export interface LedgerStore {
  /** Stores a block and its transactions in one transaction; storing a known id again does nothing. */
  putBlock(b: StoredBlock): Promise<void>;
  /**
   * Applies a {@link WriteBatch} in one transaction: one commit (one fsync) for many blocks, approvals or
   * pending transactions. This is what lets sync and transaction intake write thousands of rows a second.
   */
  writeBatch(b: WriteBatch): Promise<void>;
  /** A block by id. */
  getBlock(id: string): Promise<StoredBlock | undefined>;
  /** Every block, in the order it was first stored (parents before children). */
  allBlocks(): Promise<StoredBlock[]>;
  /** Stores an approval; returns false if this validator's verdict on this block was already stored. */
  putApproval(a: StoredApproval): Promise<boolean>;
  /** Every stored approval, in the order stored. */
  allApprovals(): Promise<StoredApproval[]>;
  /** Approvals of one block. */
  approvalsOf(blockId: string): Promise<StoredApproval[]>;
  /** Adds a pending transaction (no-op if present). */
  putPending(p: StoredPending): Promise<void>;
  /** Removes pending transactions. */
  removePending(ids: readonly string[]): Promise<void>;
  /** Pending transactions in arrival order. */
  allPending(): Promise<StoredPending[]>;
  /**
   * Records a signature before it is released, atomically: an existing record for the same validator and
   * block is returned as `existing`; an approval at a height where the validator already approved
   * another block is refused as `conflict` (enforced by a unique constraint).
   */
  recordSigning(r: SigningRecord): Promise<SigningOutcome>;
  /** What a validator signed at a height. */
  signingsAt(validator: string, height: number): Promise<SigningRecord[]>;
  /** Inserts or updates a peer. */
  upsertPeer(p: PeerRow): Promise<void>;
  /** Known peers, best score first. */
  peers(): Promise<PeerRow[]>;
  /** Reads a small metadata value. */
  getMeta(key: string): Promise<string | undefined>;
  /** Writes a small metadata value. */
  setMeta(key: string, value: string): Promise<void>;
  /** Releases the connection. */
  close(): Promise<void>;
}
