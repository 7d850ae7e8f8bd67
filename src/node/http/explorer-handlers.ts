/** Handlers of the explorer routes: read-only views of the node's ledger, plus transaction submission. */
import { ok } from '../../crypto/result.js';
import type { TreeNode } from '../../ledger/authority/tree.js';
import { type AnyErrorCode, netFail } from '../../net/errors.js';
import type { Handlers } from '../../net/handlers.js';
import { rawStream } from '../../net/stream.js';
import { LOCAL } from '../chain.js';
import { approvalsOf, blocksAt, blockView } from './block-view.js';
import type { LedgerHttpContext } from './context.js';
import { exportLines } from './export-stream.js';
import type { EXPLORER_ROUTES } from './routes.js';
import { searchHandler } from './search-handler.js';
import { txPage, txView } from './tx-views.js';
import { validatorHandlers } from './validator-handlers.js';

/** Number of transactions from the genesis to `n` (a walk down the chain: microseconds per thousand blocks). */
function txsUpTo(n: TreeNode<unknown>): number {
  let count = 0;
  for (let x: TreeNode<unknown> | undefined = n; x; x = x.parent) count += x.txs.length;
  return count;
}

/** Handlers of {@link EXPLORER_ROUTES}. */
export function explorerHandlers(ctx: LedgerHttpContext): Handlers<typeof EXPLORER_ROUTES> {
  const { node } = ctx;
  const { ledger, mempool } = node.chain;
  return {
    chain: () => {
      const g = ledger.genesis;
      const h = ledger.head();
      const f = ledger.lastFinal();
      return ok({
        node: {
          name: node.name,
          roles: [...ctx.roles],
          key: node.key,
          ...(ctx.validatorKey ? { validator: ctx.validatorKey } : {}),
        },
        genesis: {
          id: g.id,
          hardness: g.hardness,
          quorum: g.quorum,
          validators: [...g.validators],
          ...(g.miners ? { miners: [...g.miners] } : {}),
          time: g.time,
        },
        head: { id: h.id, height: h.height },
        final: { id: f.id, height: f.height },
        final_txs: txsUpTo(f),
        blocks: ledger.tree.nodes.size,
        mempool: mempool.size,
        peers: node.peers.active().length,
      });
    },
    blocksAt: ({ params }) =>
      ok({ blocks: blocksAt(ledger, params.height).map((n) => blockView(ledger, n)) }),
    block: ({ params }) => {
      const n = ledger.get(params.id);
      return n ? ok(blockView(ledger, n)) : netFail('NOT_FOUND', `no block ${params.id} is known here`);
    },
    approvals: ({ params }) => {
      const n = ledger.get(params.id);
      return n
        ? ok({ approvals: approvalsOf(n) })
        : netFail('NOT_FOUND', `no block ${params.id} is known here`);
    },
    tx: async ({ params }) => {
      const v = await txView(node, params.id, ctx.findTx);
      return v ? ok(v) : netFail('NOT_FOUND', `no transaction ${params.id} is known here`);
    },
    txs: ({ query }) => ok(txPage(ledger, query)),
    submitTx: async ({ body }) => {
      const [r] = await node.intake.submit([body], LOCAL);
      if (!r) return netFail('INTERNAL', 'the transaction got no answer');
      return r.ok
        ? ok({ id: r.value.id, status: r.value.status })
        : { ok: false, code: r.code as AnyErrorCode, message: r.message };
    },
    mempool: ({ query }) => {
      const txs = mempool
        .list()
        .slice(0, query.limit ?? 1000)
        .map((p) => ({ id: p.id, type: p.tx.type, author: p.tx.author }));
      return ok({ size: mempool.size, txs });
    },
    peers: () =>
      ok({
        peers: node.peers.all().map((p) => ({
          url: p.url,
          score: p.score,
          last_seen: p.lastSeen,
          banned: node.peers.isBanned(p.url),
        })),
      }),
    exportLedger: () => ok(rawStream(exportLines(ledger))),
    search: searchHandler(ctx),
    ...validatorHandlers(ctx),
  };
}
