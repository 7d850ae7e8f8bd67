/**
 * Handlers of the peer routes. Each one calls the node's {@link NodeApi}: items are checked in full by
 * the ledger and stored before the answer; a refused item is a 4xx error body with its stable code.
 */
import { canonicalJson, type JsonValue } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import { ledgerHashHex } from '../../ledger/hash.js';
import { type AnyErrorCode, type DomainFailure, netFail } from '../../net/errors.js';
import type { Handlers } from '../../net/handlers.js';
import { rawJson } from '../../net/json-body.js';
import type { PostResult } from '../peer-client.js';
import type { LedgerHttpContext } from './context.js';
import type { PEER_ROUTES, TxOutcome } from './routes.js';

/** A refusal as a failure whose code picks the HTTP status. */
function refusal(r: Extract<PostResult, { ok: false }>): DomainFailure {
  return { ok: false, code: r.code as AnyErrorCode, message: r.message };
}

/** Handlers of {@link PEER_ROUTES}. */
export function peerHandlers(ctx: LedgerHttpContext): Handlers<typeof PEER_ROUTES> {
  const { api, peers } = ctx.node;
  const pool = ctx.node.chain.mempool;
  return {
    peerHead: () => ok(api.head()),
    // pages are the ledger's own checked blocks, sent as their cached canonical text within a byte budget
    peerBlocks: ({ query }) => ok(rawJson(api.blocksPage(query.from, query.limit ?? 256))),
    peerBlocksByIds: ({ body }) => ok(rawJson(api.blocksByIdsPage(body.ids))),
    peerTxs: async ({ body, query }) => {
      // Gossip brings a transaction from several peers: one already pending here is answered `known`
      // without checking its signature again (the id is the hash of its canonical bytes, signature
      // included, so the same id is the same transaction).
      const results: (TxOutcome | undefined)[] = body.txs.map((t) => {
        const id = ledgerHashHex(canonicalJson(t as JsonValue));
        return pool.has(id) ? { ok: true, id, status: 'known' } : undefined;
      });
      const fresh = body.txs.filter((_, i) => results[i] === undefined);
      const rs = fresh.length > 0 ? await api.submitTxs(fresh, query.from) : [];
      let k = 0;
      const out = results.map((x): TxOutcome => {
        if (x) return x;
        const r = rs[k++]!;
        return r.ok
          ? { ok: true, id: r.value.id, status: r.value.status }
          : { ok: false, code: r.code, message: r.message };
      });
      return ok({ results: out });
    },
    peerBlock: async ({ body, query }) => {
      const r = await api.submitBlock(body, query.from);
      return r.ok ? ok({ status: r.status }) : refusal(r);
    },
    peerApproval: async ({ body, query }) => {
      const r = await api.submitApproval(body, query.from);
      return r.ok ? ok({ status: r.status }) : refusal(r);
    },
    peerPeers: () =>
      ok({
        peers: api
          .peers()
          .filter((u) => u.length <= 512)
          .slice(0, 1000),
      }),
    peerAnnounce: ({ body }) => {
      const url = body.url.replace(/\/+$/, '');
      if (peers.get(url)) return ok({ status: 'known' as const });
      if (!peers.add(url))
        return netFail('FORBIDDEN', 'this node takes no more peers, or the URL is its own');
      return ok({ status: 'added' as const });
    },
  };
}
