/**
 * A pool of worker threads that check casts and audits (the CPU cost of a ballot box: about 2.5–3 ms of
 * proof checking per 1-of-5 ballot on the native backend). Each worker loads the election's cast context
 * itself (`check-worker.ts`); a request goes to the worker with the fewest requests in flight. A worker
 * that dies fails its in-flight requests (the callers answer 500) and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import type { Result } from '../../../crypto/result.js';
import { compiledUrl } from '../../../store/compiled-url.js';
import type { CastSpec } from './cast-spec.js';
import type { CastVerifier, VerifiedAudit, VerifiedCast } from './verifier.js';

/** A request to a worker. */
export interface PoolRequest {
  readonly id: number;
  readonly op: 'cast' | 'audit';
  readonly v: JsonValue;
}

/** A worker's answer; `id` −1 reports a spec the worker could not load. */
export interface PoolResponse {
  readonly id: number;
  readonly r: Result<VerifiedCast | VerifiedAudit>;
}

/** Options of {@link workerVerifier}. */
export interface PoolOptions {
  /** Number of workers; default: the number of cores. */
  readonly size?: number;
  /** The compiled worker script; default: `check-worker.js` beside this module (or its `dist/` twin). */
  readonly workerUrl?: URL;
}

interface Pending {
  readonly resolve: (r: Result<VerifiedCast | VerifiedAudit>) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  readonly inFlight: Map<number, Pending>;
}

/** The compiled worker script `check-worker.js` (see `compiledUrl`). */
export function defaultWorkerUrl(): URL {
  return compiledUrl(import.meta.url, 'check-worker.js');
}

/** A {@link CastVerifier} on `size` worker threads. Throws if the worker script is missing. */
export function workerVerifier(spec: CastSpec, opts: PoolOptions = {}): CastVerifier {
  const url = opts.workerUrl ?? defaultWorkerUrl();
  const size = Math.max(1, opts.size ?? availableParallelism());
  let nextId = 0;
  let closing = false;
  let broken: Error | undefined;
  const slots: Slot[] = [];

  const spawn = (slot?: Slot): Slot => {
    const worker = new Worker(url, { workerData: spec });
    const s: Slot = slot ?? { worker, inFlight: new Map() };
    s.worker = worker;
    worker.on('message', (m: PoolResponse) => {
      if (m.id === -1) {
        // The spec itself is bad: every request fails with its reason, and no worker is restarted.
        broken = new Error(`the election could not be loaded in a worker: ${m.r.ok ? '' : m.r.message}`);
        closing = true;
        return;
      }
      const p = s.inFlight.get(m.id);
      if (p === undefined) return;
      s.inFlight.delete(m.id);
      p.resolve(m.r);
    });
    const died = (why: string): void => {
      for (const p of s.inFlight.values()) p.reject(new Error(`a proof-checking worker ${why}`));
      s.inFlight.clear();
      if (!closing && s.worker === worker) spawn(s);
    };
    worker.on('error', (e) => died(`failed: ${e.message}`));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    return s;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  const run = (op: 'cast' | 'audit', v: JsonValue): Promise<Result<VerifiedCast | VerifiedAudit>> =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      if (closing) return reject(new Error('the proof-checking pool is closed'));
      let best = slots[0]!;
      for (const s of slots) if (s.inFlight.size < best.inFlight.size) best = s;
      const id = nextId++;
      best.inFlight.set(id, { resolve, reject });
      best.worker.postMessage({ id, op, v } satisfies PoolRequest);
    });

  return {
    checkCast: (v) => run('cast', v) as Promise<Result<VerifiedCast>>,
    checkAudit: (v) => run('audit', v) as Promise<Result<VerifiedAudit>>,
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
