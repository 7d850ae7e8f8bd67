/**
 * The search handler: a block by id, a transaction by id (pool or main chain), and the ballot and audit
 * records whose tracker or ballot id is the value, found by walking the main chain from the head down
 * and the pool (in memory: microseconds per thousand transactions).
 */
import { isJsonObject, type JsonValue } from '../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import { ok } from '../../crypto/result.js';
import type { TreeNode } from '../../ledger/authority/tree.js';
import type { Tx } from '../../ledger/authority/tx.js';
import type { Handler } from '../../net/handlers.js';
import { onMainChain } from './block-view.js';
import type { LedgerHttpContext } from './context.js';
import {
  MAX_SEARCH_BALLOTS,
  type SEARCH_ROUTE,
  type SearchBallot,
  type SearchResult,
} from './search-route.js';

const HEX64 = /^[0-9a-f]{64}$/;
const hex = (v: unknown): string | undefined => (typeof v === 'string' && HEX64.test(v) ? v : undefined);

/** The tracker, ballot id and box of a ballot or audit record, when its body has that shape. */
export function ballotKeys(tx: Tx): { tracker: string; ballot_id: string; box?: string } | undefined {
  const b = tx.body as JsonValue;
  if (!isJsonObject(b) || !isJsonObject(b.cast)) return undefined;
  const ballotId = hex(b.cast.ballot_id);
  if (ballotId === undefined) return undefined;
  if (tx.type === 'ballot') {
    const tracker = isJsonObject(b.receipt) ? hex(b.receipt.tracker) : undefined;
    if (tracker === undefined || typeof b.box !== 'string') return undefined;
    return { tracker, ballot_id: ballotId, box: b.box };
  }
  if (tx.type === 'audit') return { tracker: hashJsonHex(b.cast), ballot_id: ballotId };
  return undefined;
}

function matchOf(tx: Tx, q: string): Omit<SearchBallot, 'tx_id' | 'pending'> | undefined {
  if (tx.type !== 'ballot' && tx.type !== 'audit') return undefined;
  const k = ballotKeys(tx);
  if (!k || (k.tracker !== q && k.ballot_id !== q)) return undefined;
  return {
    type: tx.type,
    field: k.tracker === q ? 'tracker' : 'ballot_id',
    tracker: k.tracker,
    ballot_id: k.ballot_id,
    ...(k.box === undefined ? {} : { box: k.box }),
  };
}

/** Everything this node's ledger and pool hold for `q`. */
export function search(ctx: LedgerHttpContext, q: string): SearchResult {
  const { ledger, mempool } = ctx.node.chain;
  const out: { blocks: SearchResult['blocks']; txs: SearchResult['txs']; ballots: SearchBallot[] } = {
    blocks: [],
    txs: [],
    ballots: [],
  };
  const block = ledger.get(q);
  if (block)
    out.blocks.push({ id: q, height: block.height, status: block.status, main: onMainChain(ledger, block) });
  for (const p of mempool.list()) {
    if (p.id === q) out.txs.push({ id: q, type: p.tx.type, pending: true });
    const m = matchOf(p.tx, q);
    if (m && out.ballots.length < MAX_SEARCH_BALLOTS) out.ballots.push({ tx_id: p.id, ...m, pending: true });
  }
  for (let n: TreeNode<unknown> | undefined = ledger.head(); n && n.height > 0; n = n.parent) {
    for (let i = 0; i < n.txs.length; i++) {
      const tx = n.txs[i]!;
      const id = n.txIds[i]!;
      const place = {
        pending: false,
        block_id: n.id,
        height: n.height,
        index: i,
        status: n.status,
        main: true,
      };
      if (id === q && out.txs.length === 0) out.txs.push({ id, type: tx.type, ...place });
      const m = matchOf(tx, q);
      if (m && out.ballots.length < MAX_SEARCH_BALLOTS) out.ballots.push({ tx_id: id, ...m, ...place });
    }
  }
  return { q, ...out };
}

/** The handler of {@link SEARCH_ROUTE}. */
export function searchHandler(ctx: LedgerHttpContext): Handler<typeof SEARCH_ROUTE> {
  return ({ query }) => ok(search(ctx, query.q));
}
