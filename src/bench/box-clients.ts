/**
 * Worker-thread entry of the ballot-box benchmark's load: `clients` concurrent voters, on one keep-alive
 * transport, send the given casts to the box at `url` (a warm-up set first, untimed) and report how long
 * the timed set took. Running them off the box's thread keeps the client work out of the box's event loop.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '../net/client.js';
import { createHttpTransport } from '../net/transport.js';
import { BALLOT_BOX_ROUTES, type CastBody } from '../node/roles/ballot-box/routes.js';

/** What the load worker is given. */
export interface LoadJob {
  readonly url: string;
  readonly clients: number;
  readonly warm: readonly CastBody[];
  readonly bodies: readonly CastBody[];
}

/** What it reports. */
export interface LoadReport {
  readonly seconds: number;
  readonly receipts: number;
  readonly failures: number;
  readonly firstFailure?: string;
}

const job = workerData as LoadJob;
const transport = createHttpTransport({ keepAlive: true });
const client = createClient(BALLOT_BOX_ROUTES, job.url, { transport, timeoutMs: 120_000 });
await Promise.all(job.warm.map((body) => client.boxCast({ body })));
let next = 0;
let receipts = 0;
let failures = 0;
let firstFailure: string | undefined;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: job.clients }, async () => {
    while (next < job.bodies.length) {
      const body = job.bodies[next++]!;
      try {
        await client.boxCast({ body });
        receipts++;
      } catch (e) {
        failures++;
        firstFailure ??= e instanceof Error ? e.message : String(e);
      }
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
transport.close();
parentPort?.postMessage({
  seconds,
  receipts,
  failures,
  ...(firstFailure ? { firstFailure } : {}),
} satisfies LoadReport);
