/** Explorer views of the in-memory block tree. */
import { approvalJson } from '../../ledger/authority/approval.js';
import type { AuthorityLedger } from '../../ledger/authority/ledger.js';
import { type TreeNode, verdictsOf } from '../../ledger/authority/tree.js';
import { blockJson } from '../../ledger/block.js';
import type { ApprovalWire, BlockWire } from './schemas.js';
import type { BlockView } from './views.js';

/** True when `n` is on the chain from the genesis to the head chosen by fork choice. */
export function onMainChain<S>(ledger: AuthorityLedger<S>, n: TreeNode<S>): boolean {
  return ledger.tree.ancestorAt(ledger.head(), n.height) === n;
}

/** A block's verdicts, sorted by validator key. */
export function approvalsOf<S>(n: TreeNode<S>): ApprovalWire[] {
  return verdictsOf(n).map((a) => approvalJson(a) as ApprovalWire);
}

/** The explorer view of a block. */
export function blockView<S>(ledger: AuthorityLedger<S>, n: TreeNode<S>): BlockView {
  return {
    id: n.id,
    height: n.height,
    status: n.status,
    main: onMainChain(ledger, n),
    block: blockJson(n.block) as BlockWire,
    approvals: approvalsOf(n),
    txs: [...n.txIds],
  };
}

/** Every known block at a height (the genesis at 0). */
export function blocksAt<S>(ledger: AuthorityLedger<S>, height: number): TreeNode<S>[] {
  return height === 0 ? [ledger.tree.root] : [...ledger.tree.atHeight(height)];
}
