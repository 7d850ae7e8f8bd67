/**
 * The {@link LedgerPort} of a box that runs in a node with its own ledger replica (every node is an
 * observer): transactions go into the node's intake (checked, stored, then gossiped to peers, like a
 * client's), and "in a block" means in a block of the chain ending at the node's head.
 */

import { txPostResult } from '../../api.js';
import { LOCAL } from '../../chain.js';
import type { PnyxNode } from '../../node.js';
import type { LedgerPort } from './ledger-port.js';

/** The port over `node`. */
export function localLedgerPort<S>(node: PnyxNode<S>): LedgerPort {
  const ledger = node.chain.ledger;
  return {
    chain: ledger.genesis.id,
    async submitTx(tx) {
      const [r] = await node.intake.submit([tx], LOCAL);
      return r ? txPostResult(r) : { ok: false, code: 'INTERNAL', message: 'the intake gave no answer' };
    },
    async inBlocks(ids) {
      const head = ledger.head();
      return new Set(ids.filter((id) => ledger.tree.onChain(id, head)));
    },
  };
}
