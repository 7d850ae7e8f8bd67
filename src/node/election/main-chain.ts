/**
 * Which transactions are in a block of the main chain: an index rebuilt when the head moves, walking only
 * the blocks above the last common point. Ballot boxes ask it until each of their records is in a block.
 */
import type { NodeChain } from '../chain.js';

/** Transaction ids of the main chain of `chain`, by head. */
export class MainChainIndex<S> {
  private head = '';
  private ids = new Set<string>();

  constructor(private readonly chain: NodeChain<S>) {}

  /** The ids among `ids` that are in a block of the main chain now. */
  inBlocks(ids: readonly string[]): ReadonlySet<string> {
    this.refresh();
    return new Set(ids.filter((id) => this.ids.has(id)));
  }

  /** Rebuilds the set when the head changed (a reorganisation is rare and the chain is short). */
  private refresh(): void {
    const h = this.chain.ledger.head();
    if (h.id === this.head) return;
    const ids = new Set<string>();
    for (let n: typeof h | undefined = h; n !== undefined; n = n.parent)
      for (const id of n.txIds) ids.add(id);
    this.ids = ids;
    this.head = h.id;
  }
}
