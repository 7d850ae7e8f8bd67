/**
 * The in-memory block tree of an authority ledger: every known valid block with its derived state,
 * approvals and finality, plus the transaction index used for duplicate detection. Pure data structure;
 * persistence is the engine's job (ledger.ts).
 */
import type { Block } from '../block.js';
import type { Approval } from './approval.js';
import { type BlockStatus, blockStatus, type Tally } from './finality.js';
import type { Tx } from './tx.js';

/** One block in the tree. */
export interface TreeNode<S> {
  readonly id: string;
  readonly block: Block;
  readonly parent: TreeNode<S> | undefined;
  readonly height: number;
  readonly time: number;
  readonly txs: readonly Tx[];
  readonly txIds: readonly string[];
  /** Application state after this block. */
  readonly state: S;
  readonly children: TreeNode<S>[];
  /** Verdicts by validator key. */
  readonly approvals: Map<string, Approval>;
  status: BlockStatus;
}

/** Approve/reject counts of a node. */
export function tallyOf<S>(n: TreeNode<S>): Tally {
  let approve = 0;
  let reject = 0;
  for (const a of n.approvals.values())
    if (a.verdict === 'approve') approve++;
    else reject++;
  return { approve, reject };
}

/** A node's verdicts in wire order: sorted by validator key. */
export function verdictsOf<S>(n: TreeNode<S>): Approval[] {
  return [...n.approvals.values()].sort((a, b) => (a.validator < b.validator ? -1 : 1));
}

/** The block tree. */
export class BlockTree<S> {
  readonly nodes = new Map<string, TreeNode<S>>();
  private readonly txIndex = new Map<string, string[]>();
  private readonly byHeight = new Map<number, TreeNode<S>[]>();
  readonly root: TreeNode<S>;
  /** The highest final block. */
  lastFinal: TreeNode<S>;
  /**
   * The final blocks by height, the genesis first. A block becomes final only as a child of the last
   * final block, so they form one chain and every final block is in it.
   */
  private readonly finalChain: TreeNode<S>[] = [];

  constructor(
    genesis: { id: string; block: Block; time: number; state: S },
    readonly quorum: number,
  ) {
    this.root = {
      ...genesis,
      parent: undefined,
      height: 0,
      txs: [],
      txIds: [],
      children: [],
      approvals: new Map(),
      status: 'final',
    };
    this.nodes.set(genesis.id, this.root);
    this.lastFinal = this.root;
    this.finalChain.push(this.root);
  }

  /** A node by id. */
  get(id: string): TreeNode<S> | undefined {
    return this.nodes.get(id);
  }

  /** Every known block at a height. */
  atHeight(height: number): readonly TreeNode<S>[] {
    return this.byHeight.get(height) ?? [];
  }

  /**
   * The ancestor of `n` (or `n` itself) at a height, if the height is not above `n`. The walk stops at the
   * first final block: below it the answer is read from the final chain, so it is a few steps from any
   * tip however long the chain.
   */
  ancestorAt(n: TreeNode<S>, height: number): TreeNode<S> | undefined {
    let x: TreeNode<S> | undefined = n;
    while (x && x.height > height) {
      if (x.status === 'final') return this.finalChain[height];
      x = x.parent;
    }
    return x && x.height === height ? x : undefined;
  }

  /**
   * True when `n` is the last final block or one of its descendants. The blocks walked are remembered as
   * descendants of that final block, so checking each new block of a chain walks one step, not back to
   * the final block (replaying a stored chain before its approvals would otherwise be quadratic).
   */
  descendsFromFinal(n: TreeNode<S>): boolean {
    const f = this.lastFinal;
    const walked: TreeNode<S>[] = [];
    let x: TreeNode<S> | undefined = n;
    while (x && x.height > f.height && this.finalAncestor.get(x) !== f) {
      walked.push(x);
      x = x.parent;
    }
    const yes = x === f || (x !== undefined && x.height > f.height);
    if (yes) for (const w of walked) this.finalAncestor.set(w, f);
    return yes;
  }

  /** Blocks known to descend from a final block, with that block (see {@link descendsFromFinal}). */
  private readonly finalAncestor = new WeakMap<TreeNode<S>, TreeNode<S>>();

  /** True when a transaction id is in a block on the chain ending at `tip`. */
  onChain(txId: string, tip: TreeNode<S>): boolean {
    const holders = this.txIndex.get(txId);
    if (!holders) return false;
    return holders.some((bid) => {
      const b = this.nodes.get(bid);
      return b !== undefined && this.ancestorAt(tip, b.height) === b;
    });
  }

  /** Adds a checked block under its parent. */
  add(
    n: Omit<TreeNode<S>, 'children' | 'approvals' | 'status' | 'parent'>,
    parent: TreeNode<S>,
  ): TreeNode<S> {
    const node: TreeNode<S> = { ...n, parent, children: [], approvals: new Map(), status: 'pending' };
    parent.children.push(node);
    this.nodes.set(node.id, node);
    const level = this.byHeight.get(node.height);
    if (level) level.push(node);
    else this.byHeight.set(node.height, [node]);
    for (const t of node.txIds) {
      const list = this.txIndex.get(t);
      if (list) list.push(node.id);
      else this.txIndex.set(t, [node.id]);
    }
    this.refresh(node);
    return node;
  }

  /** Records a verdict (already checked by the caller) and updates finality. */
  addVerdict(n: TreeNode<S>, a: Approval): void {
    n.approvals.set(a.validator, a);
    this.refresh(n);
  }

  /** Recomputes a node's status; finality is sticky and flows down to children that already qualify. */
  private refresh(n: TreeNode<S>): void {
    if (n.status === 'final') return;
    const parentFinal = n.parent?.status === 'final';
    const s = blockStatus(tallyOf(n), this.quorum, parentFinal);
    // A block conflicting with the final chain never becomes final.
    if (s === 'final' && n.parent !== this.lastFinal) {
      n.status = 'pending';
      return;
    }
    n.status = s;
    if (s === 'final') {
      this.lastFinal = n;
      this.finalChain.push(n);
      for (const c of n.children) this.refresh(c);
    }
  }

  /**
   * Fork choice: among the last final block and its descendants that are not rejected (nor below a
   * rejected block), the tip whose blocks after the last final block carry the most approvals, then the
   * highest, then the lowest id.
   */
  head(): TreeNode<S> {
    let best = this.lastFinal;
    let bestScore = 0;
    const stack: [TreeNode<S>, number][] = [[this.lastFinal, 0]];
    while (stack.length > 0) {
      const [n, score] = stack.pop()!;
      if (
        score > bestScore ||
        (score === bestScore && (n.height > best.height || (n.height === best.height && n.id < best.id)))
      ) {
        best = n;
        bestScore = score;
      }
      for (const c of n.children) if (c.status !== 'rejected') stack.push([c, score + tallyOf(c).approve]);
    }
    return best;
  }

  /** The chain from the genesis to `tip`, genesis first. */
  chain(tip: TreeNode<S>): TreeNode<S>[] {
    const out: TreeNode<S>[] = [];
    for (let x: TreeNode<S> | undefined = tip; x; x = x.parent) out.push(x);
    return out.reverse();
  }
}
