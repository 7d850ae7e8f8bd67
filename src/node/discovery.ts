/**
 * Peer discovery: the configured peers, plus the peers they know, asked periodically. New URLs are
 * checked and added up to the peer set's limit; this node's own URL is never added.
 */
import type { PeerSet } from './peers.js';
import { errorMessage, type NodeLogger, pause, type Startable } from './service.js';

/** The discovery service. */
export class DiscoveryService implements Startable {
  private abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly peers: PeerSet,
    private readonly logger: NodeLogger,
    private readonly intervalMs = 30_000,
  ) {}

  async start(): Promise<void> {
    this.abort = new AbortController();
    this.loop = (async () => {
      while (!this.abort.signal.aborted) {
        await this.round();
        await pause(this.intervalMs, this.abort.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  /** Asks every active peer for its peers once. */
  async round(): Promise<number> {
    let added = 0;
    for (const p of this.peers.active()) {
      try {
        const urls = await p.client.getPeers(
          AbortSignal.any([this.abort.signal, AbortSignal.timeout(10_000)]),
        );
        for (const u of urls.slice(0, 256)) if (this.peers.add(u)) added++;
      } catch (e) {
        if (this.abort.signal.aborted) break;
        this.logger.debug({ peer: p.url, err: errorMessage(e) }, 'peer list unavailable');
      }
    }
    if (added > 0) this.logger.info({ added }, 'peers discovered');
    return added;
  }
}
