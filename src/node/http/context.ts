/** What the ledger node's HTTP handlers are given: the running node and a few facts about it. */
import type { PnyxNode } from '../node.js';

/** Where a transaction id appears in stored blocks (the store's explorer index). */
export type TxLookup = (id: string) => Promise<readonly { block_id: string; index: number }[]>;

/** The handlers' view of a node. */
export interface LedgerHttpContext {
  readonly node: PnyxNode<unknown>;
  readonly roles: readonly string[];
  /** The validator key, when the node validates. */
  readonly validatorKey?: string;
  /** The store's transaction index; without it, lookups walk the main chain in memory. */
  readonly findTx?: TxLookup;
}
