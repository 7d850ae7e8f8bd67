/** Waiting for the demo's nodes: health, and conditions on the election status a node serves. */

import { createClient } from '../net/client.js';
import type { ElectionStatus } from '../node/election/status.js';
import { PEER_CLIENT_ROUTES } from '../node/http/peer-client.js';
import { electionClient } from './clients.js';

/** Thrown when the demo cannot go on; the message says what was awaited. */
export class DemoError extends Error {}

/** Checks that no node died (set by the runner). */
export type AliveCheck = () => void;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `GET url/health` answers 200. */
export async function waitHealthy(url: string, alive: AliveCheck, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    alive();
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await pause(100);
  }
  throw new DemoError(`${url} did not start within ${timeoutMs / 1000} s`);
}

/** Tells every node where every other node is (`POST /peer/announce`). */
export async function introduce(urls: readonly string[]): Promise<void> {
  const clients = urls.map((u) => createClient(PEER_CLIENT_ROUTES, u, { timeoutMs: 10_000 }));
  await Promise.all(
    clients.map(async (c, i) => {
      for (const u of urls) if (u !== urls[i]) await c.peerAnnounce({ body: { url: u } });
    }),
  );
}

/** Polls `url`'s election status until `done` holds; answers that status. */
export async function waitStatus(
  url: string,
  what: string,
  done: (s: ElectionStatus) => boolean,
  alive: AliveCheck,
  timeoutMs: number,
): Promise<ElectionStatus> {
  const client = electionClient(url);
  const end = Date.now() + timeoutMs;
  let last: ElectionStatus | undefined;
  while (Date.now() < end) {
    alive();
    last = await client.electionStatus({});
    if (done(last)) return last;
    await pause(150);
  }
  throw new DemoError(
    `timed out after ${timeoutMs / 1000} s waiting for ${what} (last status: ${JSON.stringify(
      last,
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
    )})`,
  );
}
