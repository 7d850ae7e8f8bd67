/** Row types of the pnyx database (both dialects), as Kysely sees them. */
import type { Generated } from 'kysely';

/** One row per block. `seq` is the order in which blocks were first stored. */
export interface BlocksTable {
  seq: Generated<number>;
  id: string;
  height: number;
  parent_id: string;
  /** Canonical JSON of the block, byte-exact. */
  json: string;
}

/** One row per transaction in a block (a transaction on two forks has two rows). */
export interface TxsTable {
  block_id: string;
  idx: number;
  id: string;
  type: string;
  author: string;
}

/** Validators' verdicts kept beside blocks; one per validator and block. */
export interface ApprovalsTable {
  seq: Generated<number>;
  block_id: string;
  validator: string;
  height: number;
  verdict: string;
  json: string;
}

/** Pending transactions. */
export interface MempoolTable {
  seq: Generated<number>;
  id: string;
  json: string;
}

/** What this node's validator signed; at most one approval per validator and height (unique index). */
export interface SigningRecordTable {
  validator: string;
  height: number;
  block_id: string;
  verdict: string;
  json: string;
}

/** Known peers. */
export interface PeersTable {
  url: string;
  score: number;
  /** Milliseconds since the epoch (bigint in PostgreSQL, read back as a number). */
  last_seen: number | string | null;
}

/** Small key/value settings. */
export interface MetaTable {
  key: string;
  value: string;
}

/** The whole schema. */
export interface PnyxDatabase {
  blocks: BlocksTable;
  txs: TxsTable;
  approvals: ApprovalsTable;
  mempool: MempoolTable;
  signing_record: SigningRecordTable;
  peers: PeersTable;
  meta: MetaTable;
}
