/**
 * An in-memory network of nodes in one process: {@link loopbackClient} implements {@link PeerClient} by
 * calling another node's {@link NodeApi} directly. By default every request and response goes through
 * canonical JSON text and back (the cost and the strictness of a real wire, minus HTTP). A peer can be
 * taken offline, and a node's answers can be altered to model a dishonest peer.
 */
import { canonicalJson, isJsonObject, type JsonValue, parseJson } from '../crypto/encoding/canonical-json.js';
import { type NodeApi, txPostResult } from './api.js';
import {
  type PeerClient,
  type PeerConnector,
  type PeerHead,
  PeerUnreachable,
  type PostResult,
  type WireEntry,
} from './peer-client.js';

/** A set of in-process nodes by URL (`mem://NAME`). */
export class LoopbackNetwork {
  private readonly nodes = new Map<string, NodeApi>();
  private readonly offline = new Set<string>();
  /** Bytes of JSON text carried so far. */
  bytes = 0;

  /** Registers (or replaces) the API served at a URL. */
  serve(url: string, api: NodeApi): void {
    this.nodes.set(url, api);
  }

  /** Removes a node (a stopped process). */
  unserve(url: string): void {
    this.nodes.delete(url);
  }

  /** Makes a node unreachable or reachable again. */
  setOnline(url: string, online: boolean): void {
    if (online) this.offline.delete(url);
    else this.offline.add(url);
  }

  /** The API at a URL, or an unreachable error. */
  target(url: string): NodeApi {
    const api = this.nodes.get(url);
    if (!api || this.offline.has(url)) throw new PeerUnreachable(url, 'connection refused');
    return api;
  }

  /** A connector for the node at `self` (its URL is sent with pushes so gossip skips it). */
  connector(self: string, opts: { wire?: boolean } = {}): PeerConnector {
    return (url) => loopbackClient(this, url, self, opts.wire ?? true);
  }
}

/** A client of the node at `url` in `net`. */
export function loopbackClient(net: LoopbackNetwork, url: string, self: string, wire: boolean): PeerClient {
  // Through text and back, as a wire would do; counts bytes.
  const carry = <T>(v: T, raw = false): T => {
    if (raw) return v;
    if (!wire) return v;
    const text = canonicalJson(v as JsonValue);
    net.bytes += text.length;
    const p = parseJson(text);
    if (!p.ok) throw new PeerUnreachable(url, `invalid JSON: ${p.message}`);
    return p.value as T;
  };
  const call = async <T>(
    signal: AbortSignal | undefined,
    f: (api: NodeApi) => T | Promise<T>,
    raw = false,
  ): Promise<T> => {
    if (signal?.aborted) throw new PeerUnreachable(url, 'aborted');
    await Promise.resolve(); // never answer synchronously
    return carry(await f(net.target(url)), raw);
  };
  return {
    url,
    getHead: (signal) => call<PeerHead>(signal, (api) => api.head()),
    getBlocks: (from, limit, signal) =>
      wire
        ? call<readonly WireEntry[]>(signal, (api) => readPage(net, url, api.blocksPage(from, limit)), true)
        : call<readonly WireEntry[]>(signal, (api) => api.blocks(from, limit)),
    getBlocksByIds: (ids, signal) => call<readonly WireEntry[]>(signal, (api) => api.blocksByIds(ids)),
    postTxs: (txs, signal) =>
      call<readonly PostResult[]>(signal, async (api) =>
        (await api.submitTxs(carry(txs), self)).map(txPostResult),
      ),
    postBlock: (b, signal) => call<PostResult>(signal, (api) => api.submitBlock(carry(b), self)),
    postApproval: (a, signal) => call<PostResult>(signal, (api) => api.submitApproval(carry(a), self)),
    getPeers: (signal) => call<readonly string[]>(signal, (api) => api.peers()),
  };
}

/** Reads a page of entries sent as text (counts its bytes). */
function readPage(net: LoopbackNetwork, url: string, text: string): readonly WireEntry[] {
  net.bytes += text.length;
  const p = parseJson(text);
  if (!p.ok || !isJsonObject(p.value) || !Array.isArray(p.value.entries))
    throw new PeerUnreachable(url, 'invalid page of blocks');
  return p.value.entries as unknown as readonly WireEntry[];
}
