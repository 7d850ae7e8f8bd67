/** Explorer answers about transactions: one by id, and pages of the main chain's transactions. */
import type { AuthorityLedger } from '../../ledger/authority/ledger.js';
import type { TreeNode } from '../../ledger/authority/tree.js';
import { txJson } from '../../ledger/authority/tx.js';
import type { PnyxNode } from '../node.js';
import { onMainChain } from './block-view.js';
import type { TxLookup } from './context.js';
import type { TxWire } from './schemas.js';
import type { TxPage, TxView } from './views.js';

type Found = { node: TreeNode<unknown>; index: number };

/** Blocks holding a transaction: from the store's index when given, else by walking the main chain. */
async function holders(ledger: AuthorityLedger<unknown>, id: string, findTx?: TxLookup): Promise<Found[]> {
  const out: Found[] = [];
  if (findTx) {
    for (const r of await findTx(id)) {
      const node = ledger.get(r.block_id);
      if (node) out.push({ node, index: r.index });
    }
    return out;
  }
  for (let n: TreeNode<unknown> | undefined = ledger.head(); n; n = n.parent) {
    const index = n.txIds.indexOf(id);
    if (index >= 0) out.push({ node: n, index });
  }
  return out;
}

/** One transaction by id, or undefined when this node has never seen it. */
export async function txView(
  node: PnyxNode<unknown>,
  id: string,
  findTx?: TxLookup,
): Promise<TxView | undefined> {
  const { ledger, mempool } = node.chain;
  const pending = mempool.has(id) ? mempool.list().find((p) => p.id === id) : undefined;
  const found = await holders(ledger, id, findTx);
  const tx = pending?.tx ?? found[0]?.node.txs[found[0].index];
  if (!tx) return undefined;
  return {
    id,
    tx: txJson(tx) as TxWire,
    pending: pending !== undefined,
    included: found.map(({ node: n, index }) => ({
      block_id: n.id,
      height: n.height,
      index,
      status: n.status,
      main: onMainChain(ledger, n),
    })),
  };
}

/** What a page asks for. */
export interface TxQuery {
  readonly type?: string;
  readonly author?: string;
  /** `HEIGHT:INDEX` of the last row of the previous page. */
  readonly after?: string;
  readonly limit?: number;
}

/**
 * Transactions of the main chain, newest first (height descending, then index descending), matching the
 * type and author when given; `next` is the cursor of the following page when there may be one.
 */
export function txPage(ledger: AuthorityLedger<unknown>, q: TxQuery): TxPage {
  const limit = q.limit ?? 50;
  const [ah, ai] = q.after ? q.after.split(':').map(Number) : [Number.POSITIVE_INFINITY, 0];
  const rows: TxPage['txs'] = [];
  let n: TreeNode<unknown> | undefined = ledger.head();
  while (n && n.height > ah!) n = n.parent;
  for (; n && n.height > 0; n = n.parent) {
    const start = n.height === ah ? ai! - 1 : n.txs.length - 1;
    for (let i = Math.min(start, n.txs.length - 1); i >= 0; i--) {
      const t = n.txs[i]!;
      if ((q.type !== undefined && t.type !== q.type) || (q.author !== undefined && t.author !== q.author))
        continue;
      rows.push({
        id: n.txIds[i]!,
        type: t.type,
        author: t.author,
        block_id: n.id,
        height: n.height,
        index: i,
        status: n.status,
      });
      if (rows.length === limit) return { txs: rows, next: `${n.height}:${i}` };
    }
  }
  return { txs: rows };
}
