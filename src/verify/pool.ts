/**
 * A pool of worker threads (`cast-worker.ts`) that check ballot transactions in batches: many ballots per
 * message keeps the messaging cost small beside the 2.5–3 ms of proof checking per 1-of-5 ballot. Batches
 * wait in one queue and a worker gets the next one when it has fewer than {@link AHEAD} in flight, so a
 * worker that runs faster (a core less busy with other processes) takes more of them and none sits idle
 * while another has a backlog. A worker that fails rejects its batches.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import type { Result } from '../crypto/result.js';
import type { CheckedCast } from '../protocol/cast/check.js';
import type { CastSpec } from './backends.js';

/** A batch of ballot transactions (JSON) for one worker. */
export interface BatchRequest {
  readonly id: number;
  readonly txs: readonly JsonValue[];
}

/** The outcome of one cast, keyed by its tracker. */
export interface CastOutcome {
  readonly tracker: string;
  readonly r: Result<CheckedCast<unknown>>;
}

/** A worker's answer to a batch; `id` −1 reports a spec the worker could not load. */
export type BatchResponse =
  | { readonly id: number; readonly results: readonly CastOutcome[]; readonly verified: readonly string[] }
  | { readonly id: -1; readonly error: string };

/** What a batch yields. */
export interface BatchResult {
  readonly results: readonly CastOutcome[];
  readonly verified: readonly string[];
}

/**
 * The compiled worker script: the sibling `cast-worker.js` when running from `dist/`, else its `dist/`
 * twin (tests run the TypeScript sources); `undefined` when it has not been built.
 */
export function castWorkerUrl(): URL | undefined {
  const here = new URL('./cast-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const twin = fileURLToPath(here).replace(/\/src\/verify\/cast-worker\.js$/, '/dist/verify/cast-worker.js');
  return existsSync(twin) ? pathToFileURL(twin) : undefined;
}

/** Batches a worker holds at once: enough to keep checking while the main thread is busy folding a block. */
const AHEAD = 4;

interface Waiter {
  readonly resolve: (r: BatchResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly inFlight: Map<number, Waiter>;
}

interface Queued extends Waiter {
  readonly id: number;
  readonly txs: readonly JsonValue[];
}

/** The pool of one election key. */
export class CastPool {
  private next = 0;
  private broken: Error | undefined;
  private readonly queue: Queued[] = [];

  private constructor(private readonly slots: readonly Slot[]) {}

  /** Starts `size` workers for `spec`. */
  static start(spec: CastSpec, size: number, url: URL): CastPool {
    const slots: Slot[] = [];
    const pool = new CastPool(slots);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { workerData: spec });
      const slot: Slot = { worker, inFlight: new Map() };
      worker.on('message', (m: BatchResponse) => {
        if ('error' in m)
          return pool.fail(new Error(`a verifier worker cannot load the election: ${m.error}`));
        const p = slot.inFlight.get(m.id);
        slot.inFlight.delete(m.id);
        pool.pump();
        p?.resolve({ results: m.results, verified: m.verified });
      });
      worker.on('error', (e) => pool.fail(e));
      worker.on('exit', (code) => {
        if (slot.inFlight.size > 0) pool.fail(new Error(`a verifier worker exited with code ${code}`));
      });
      slots.push(slot);
    }
    return pool;
  }

  private fail(e: Error): void {
    this.broken ??= e;
    for (const q of this.queue.splice(0)) q.reject(e);
    for (const s of this.slots) {
      for (const p of s.inFlight.values()) p.reject(e);
      s.inFlight.clear();
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.slots.length;
  }

  /** Checks a batch on the next worker that is free for it. */
  check(txs: readonly JsonValue[]): Promise<BatchResult> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id, txs, resolve, reject });
      this.pump();
    });
  }

  /** Hands queued batches, in order, to the workers with fewer than {@link AHEAD} in flight. */
  private pump(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots)
        if (s.inFlight.size < AHEAD && (!slot || s.inFlight.size < slot.inFlight.size)) slot = s;
      if (!slot) return;
      const q = this.queue.shift()!;
      slot.inFlight.set(q.id, { resolve: q.resolve, reject: q.reject });
      slot.worker.postMessage({ id: q.id, txs: q.txs } satisfies BatchRequest);
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
