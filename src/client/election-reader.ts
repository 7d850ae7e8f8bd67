/**
 * What a client knows of an election: its own in-memory copy of a node's ledger, pulled over the peer
 * API and checked block by block with the election rules (`ReplicaSource`), so the node is trusted for
 * availability only. A reading gives the election as of the last final block and as of the head.
 */

import { ceremonyAt } from '../ledger/election/common.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import type { ElectionLedgerState } from '../ledger/election/state.js';
import { type ElectionState, electionView } from '../ledger/election/view.js';
import { httpConnector } from '../node/http/peer-client.js';
import type { PeerClient } from '../node/peer-client.js';
import { ReplicaSource } from '../node/roles/trustee/replica-source.js';
import type { CastContext } from '../protocol/cast/context.js';
import { asClientError, ClientError, clientError } from './errors.js';

/** The election as of one block. */
export interface ElectionAt {
  readonly height: number;
  /** Block time (ms). */
  readonly time: number;
  readonly state: ElectionLedgerState;
  /** The derived election at the reader's clock (a passed deadline shows). */
  readonly view: ElectionState;
}

/** One reading of the ledger. */
export interface ElectionReading {
  /** Genesis id. */
  readonly chain: string;
  readonly final: ElectionAt;
  readonly head: ElectionAt;
}

/** Options of {@link ElectionReader.open}. */
export interface ReaderOptions {
  readonly env: ElectionEnv;
  /** socks5h:// proxy (Tor). */
  readonly proxy?: string;
  /** The reader's clock (default `Date.now`). */
  readonly now?: () => number;
  /** A peer client instead of HTTP (tests). */
  readonly client?: PeerClient;
}

/** A client's checked copy of one node's ledger. */
export class ElectionReader {
  private constructor(
    private readonly replica: ReplicaSource,
    private readonly now: () => number,
    private readonly closeTransport: () => void,
  ) {}

  /** Fetches the node's genesis and opens the copy (`UNREACHABLE`, or the ledger's code for a bad genesis). */
  static async open(node: string, o: ReaderOptions): Promise<ElectionReader> {
    const connector = o.client ? undefined : httpConnector(o.proxy === undefined ? {} : { proxy: o.proxy });
    const client = o.client ?? connector!.connect(node);
    const now = o.now ?? Date.now;
    try {
      const r = await ReplicaSource.open(client, o.env, { now });
      if (!r.ok) throw new ClientError(r.code, `${node}: ${r.message}`);
      return new ElectionReader(r.value, now, () => connector?.close());
    } catch (e) {
      connector?.close();
      throw asClientError(e, node);
    }
  }

  /** Pulls new blocks (each checked) and reads the election at the last final block and at the head. */
  async read(signal?: AbortSignal): Promise<ElectionReading> {
    try {
      await this.replica.pull(signal);
    } catch (e) {
      throw asClientError(e);
    }
    const ledger = this.replica.ledger;
    const at = (n: { height: number; time: number; state: ElectionLedgerState }): ElectionAt => ({
      height: n.height,
      time: n.time,
      state: n.state,
      view: electionView(n.state, Math.max(this.now(), n.time)),
    });
    return { chain: ledger.genesis.id, final: at(ledger.lastFinal()), head: at(ledger.head()) };
  }

  /** The reader's clock. */
  time(): number {
    return this.now();
  }

  /** Releases the connections. */
  close(): void {
    this.closeTransport();
  }
}

/** The cast context (definition, fingerprint, election key) of a reading; `NOT_READY` before the key. */
export function castContextOf(r: ElectionReading, now: number): CastContext<unknown> {
  const s = r.final.state;
  const setup = s.setup;
  if (!setup) throw clientError('NOT_READY', r.final.view.problem ?? 'the ledger defines no election yet');
  const key = ceremonyAt(s, setup, Math.max(now, r.final.time)).key;
  if (!key) throw clientError('NOT_READY', 'the trustees have not made the election key yet');
  return key.cast;
}

/** Whether the final ledger lists `voterKey` as eligible; the boxes it may use, or undefined. */
export async function eligibleBoxes(
  r: ElectionReading,
  voterKey: string,
): Promise<readonly string[] | undefined> {
  const s = r.final.state;
  const setup = s.setup;
  if (!setup) return undefined;
  const e = await setup.eligibility.check(s.eligibility, {
    election: setup.fingerprint,
    voter_key: voterKey,
  });
  return e.ok ? e.value.boxes : undefined;
}
