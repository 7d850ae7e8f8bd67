/**
 * {@link PeerClient} over HTTP: the typed client of the ledger route table, optionally through a SOCKS5h
 * proxy (Tor). One keep-alive transport is shared by every peer of a node.
 *
 * Error mapping: a refusal of a posted item (a 4xx error body other than 429) is returned as a failed
 * {@link PostResult} with the peer's code; anything else without a valid answer (no connection, timeout,
 * abort, 429, 5xx, a body outside the schema) throws {@link PeerUnreachable}.
 */
import { canonicalJson, type JsonValue } from '../../crypto/encoding/canonical-json.js';
import { type Client, createClient } from '../../net/client.js';
import { RemoteError } from '../../net/client-errors.js';
import { BASE_ROUTES } from '../../net/health.js';
import { createHttpTransport, type Transport } from '../../net/transport.js';
import {
  type BlocksPage,
  MAX_BLOCKS_PER_CALL,
  type PeerClient,
  type PeerConnector,
  type PeerHead,
  PeerUnreachable,
  type PostResult,
  type WireEntry,
} from '../peer-client.js';
import { LEDGER_ROUTES, MAX_TXS_PER_POST } from './routes.js';
import type { ApprovalWire, BlockWire, TxWire } from './schemas.js';

/** The route table a peer client speaks (the ledger routes and `/health`). */
export const PEER_CLIENT_ROUTES = { ...BASE_ROUTES, ...LEDGER_ROUTES } as const;

/** The typed client of a ledger node. */
export type LedgerClient = Client<typeof PEER_CLIENT_ROUTES>;

/** Options of {@link httpConnector}. */
export interface HttpConnectorOptions {
  /** `socks5h://HOST:PORT`: every peer connection goes through this proxy. */
  readonly proxy?: string;
  /** This node's own URL, sent with posts so the receiver's gossip skips it. */
  readonly self?: string;
  /** Per-call time limit in milliseconds (default 20 000; callers' signals may cut it shorter). */
  readonly timeoutMs?: number;
  /** Largest accepted response (default 64 MiB). */
  readonly maxResponseBytes?: number;
}

/** A connector and the transport it shares, to close on shutdown. */
export interface HttpConnector {
  readonly connect: PeerConnector;
  close(): void;
}

/** Largest body of one transaction batch sent (well below the route's 8 MiB limit). */
const BATCH_BYTES = 4 * 1024 * 1024;

/** Splits transactions into posts of at most {@link MAX_TXS_PER_POST} items and about {@link BATCH_BYTES}. */
export function txBatches(txs: readonly JsonValue[], size: (t: JsonValue) => number): JsonValue[][] {
  const out: JsonValue[][] = [];
  let cur: JsonValue[] = [];
  let bytes = 0;
  for (const t of txs) {
    const n = size(t) + 1;
    if (cur.length > 0 && (cur.length >= MAX_TXS_PER_POST || bytes + n > BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(t);
    bytes += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** True for an answer that refuses the item itself (the peer checked it and said no). */
function isRefusal(e: unknown): e is RemoteError {
  return e instanceof RemoteError && e.status >= 400 && e.status < 500 && e.status !== 429;
}

/** Creates a connector of HTTP peer clients sharing one keep-alive transport. */
export function httpConnector(opts: HttpConnectorOptions = {}): HttpConnector {
  const transport: Transport = createHttpTransport({
    keepAlive: true,
    ...(opts.proxy !== undefined ? { proxy: opts.proxy } : {}),
  });
  return {
    connect: (url) => httpPeerClient(url, transport, opts),
    close: () => transport.close(),
  };
}

/** A {@link PeerClient} for the node at `url` over `transport`. */
export function httpPeerClient(
  url: string,
  transport: Transport,
  opts: HttpConnectorOptions = {},
): PeerClient {
  const c: LedgerClient = createClient(PEER_CLIENT_ROUTES, url, {
    transport,
    timeoutMs: opts.timeoutMs ?? 20_000,
    maxResponseBytes: opts.maxResponseBytes ?? 64 * 1024 * 1024,
  });
  const from = opts.self === undefined ? {} : { from: opts.self };
  const unreachable = (e: unknown): PeerUnreachable =>
    e instanceof PeerUnreachable ? e : new PeerUnreachable(url, e instanceof Error ? e.message : String(e));
  /** Any failure is "no valid answer". */
  const read = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw unreachable(e);
    }
  };
  /** A refusal is a failed result; other failures are "no valid answer". */
  const post = async (f: () => Promise<{ status: 'added' | 'known' | 'orphan' }>): Promise<PostResult> => {
    try {
      return { ok: true, status: (await f()).status };
    } catch (e) {
      if (isRefusal(e)) return { ok: false, code: e.code, message: e.message };
      throw unreachable(e);
    }
  };
  const call = (signal?: AbortSignal) => (signal ? { signal } : {});
  const blocksPage = async (fromHeight: number, limit: number, signal?: AbortSignal): Promise<BlocksPage> => {
    let text = '';
    const r = await c.peerBlocks(
      { query: { from: fromHeight, limit: Math.min(limit, MAX_BLOCKS_PER_CALL) } },
      {
        ...call(signal),
        onText: (t) => {
          text = t;
        },
      },
    );
    return { entries: r.entries as WireEntry[], text };
  };
  return {
    url,
    getHead: (signal) => read<PeerHead>(() => c.peerHead(undefined, call(signal))),
    getBlocks: (fromHeight, limit, signal) =>
      read<readonly WireEntry[]>(async () => (await blocksPage(fromHeight, limit, signal)).entries),
    getBlocksPage: (fromHeight, limit, signal) =>
      read<BlocksPage>(() => blocksPage(fromHeight, limit, signal)),
    getBlocksByIds: (ids, signal) =>
      read<readonly WireEntry[]>(async () => {
        const out: WireEntry[] = [];
        for (let i = 0; i < ids.length; i += MAX_BLOCKS_PER_CALL) {
          const r = await c.peerBlocksByIds(
            { body: { ids: ids.slice(i, i + MAX_BLOCKS_PER_CALL) } },
            call(signal),
          );
          out.push(...(r.entries as WireEntry[]));
        }
        return out;
      }),
    postTxs: async (txs, signal) => {
      const out: PostResult[] = [];
      for (const batch of txBatches(txs, (t) => canonicalJson(t).length)) {
        try {
          const r = await c.peerTxs({ query: from, body: { txs: batch as TxWire[] } }, call(signal));
          for (const x of r.results)
            out.push(x.ok ? { ok: true, status: x.status } : { ok: false, code: x.code, message: x.message });
        } catch (e) {
          if (!isRefusal(e)) throw unreachable(e);
          for (let i = 0; i < batch.length; i++) out.push({ ok: false, code: e.code, message: e.message });
        }
      }
      return out;
    },
    postBlock: (block, signal) =>
      post(() => c.peerBlock({ query: from, body: block as BlockWire }, call(signal))),
    postApproval: (a, signal) =>
      post(() => c.peerApproval({ query: from, body: a as ApprovalWire }, call(signal))),
    getPeers: (signal) => read(async () => (await c.peerPeers(undefined, call(signal))).peers),
  };
}
