/**
 * Node-only proof-of-work search on worker threads running {@link powKernel}. Implements {@link PowSearch}:
 * the nonce range is split among `threads` workers; the first solution wins and the other workers are told
 * to stop; an {@link AbortSignal} stops all of them at once. The workers live as long as the search
 * function: each search reuses idle workers instead of starting threads (a start costs tens of
 * milliseconds, more than a whole search at low hardness). Idle workers never keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import { ok } from '../../crypto/result.js';
import { type LedgerResult, lfail } from '../errors.js';
import type { PowJob, PowSearch, PowSearchOptions, PowSolution } from '../pow.js';
import { type KernelJob, type KernelMessage, powKernel } from '../pow-kernel.js';
import { blockIdFromTemplate } from './template-id.js';

/** Options of the worker pool. */
export interface WorkerPowOptions {
  /** Number of worker threads (default 1). */
  readonly threads?: number;
  /** Progress interval in milliseconds (default 250). */
  readonly reportMs?: number;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const kernel = ${powKernel.toString()};
parentPort.on('message', (job) => kernel(job, (m) => parentPort.postMessage(m)));
`;

/** A long-lived kernel thread; `onMessage` is the current search's listener. */
interface PowWorker {
  readonly worker: Worker;
  onMessage: ((m: KernelMessage) => void) | undefined;
  onError: ((e: Error) => void) | undefined;
}

/** Creates a {@link PowSearch} running on reusable worker threads. */
export function workerPowSearch(options: WorkerPowOptions = {}): PowSearch {
  const threads = Math.max(1, options.threads ?? 1);
  const reportMs = options.reportMs ?? 250;
  const idle: PowWorker[] = [];
  const spawn = (): PowWorker => {
    const w: PowWorker = {
      worker: new Worker(WORKER_SOURCE, { eval: true }),
      onMessage: undefined,
      onError: undefined,
    };
    w.worker.on('message', (m: KernelMessage) => w.onMessage?.(m));
    w.worker.on('error', (e: Error) => w.onError?.(e));
    return w;
  };
  const take = (): PowWorker => {
    const w = idle.pop() ?? spawn();
    w.worker.ref(); // a running search keeps the process alive
    return w;
  };
  const release = (w: PowWorker): void => {
    w.onMessage = undefined;
    w.onError = undefined;
    w.worker.unref();
    if (idle.length < threads) idle.push(w);
    else void w.worker.terminate();
  };
  return (job: PowJob, searchOptions: PowSearchOptions = {}) =>
    runWorkers(job, threads, reportMs, searchOptions, take, release);
}

function runWorkers(
  job: PowJob,
  threads: number,
  reportMs: number,
  { signal, onProgress }: PowSearchOptions,
  take: () => PowWorker,
  release: (w: PowWorker) => void,
): Promise<LedgerResult<PowSolution>> {
  const t0 = performance.now();
  if (signal?.aborted) return Promise.resolve(lfail('MINING_ABORTED', 'the search was aborted'));
  return new Promise((resolve) => {
    const span = Math.ceil((job.end - job.start) / threads);
    const counts = new Array<number>(threads).fill(0);
    const stop = new Int32Array(new SharedArrayBuffer(4));
    let exhausted = 0;
    let done = false;
    const total = (): number => counts.reduce((a, b) => a + b, 0);
    const finish = (r: LedgerResult<PowSolution>): void => {
      if (done) return;
      done = true;
      Atomics.store(stop, 0, 1); // the other workers stop within 256 hashes and go back to the pool
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = (): void => finish(lfail('MINING_ABORTED', 'the search was aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < threads; i++) {
      const start = job.start + i * span;
      const end = Math.min(job.end, start + span);
      const w = take();
      w.onMessage = (m: KernelMessage) => {
        counts[i] = m.hashes;
        const ms = performance.now() - t0;
        if (m.type === 'progress') {
          if (!done) onProgress?.({ hashes: total(), ms, rate: (total() * 1000) / ms });
          return;
        }
        release(w); // found, exhausted or stopped: this worker's search is over
        if (m.type === 'found')
          finish(ok({ nonce: m.nonce, id: blockIdFromTemplate(job.template, m.nonce), hashes: total(), ms }));
        else if (m.type === 'exhausted' && ++exhausted === threads)
          finish(
            lfail(
              'MINING_EXHAUSTED',
              `no nonce in [${job.start}, ${job.end}) gives ${job.hardness} zero bits`,
            ),
          );
      };
      // A failed worker is dropped (not released) and fails the search.
      w.onError = (e: Error) => {
        void w.worker.terminate();
        finish(lfail('MINING_ABORTED', `mining worker failed: ${e.message}`));
      };
      const kernelJob: KernelJob = {
        prefix: job.template.prefix,
        suffix: job.template.suffix,
        hardness: job.hardness,
        start,
        end,
        reportMs,
        stop,
      };
      w.worker.postMessage(kernelJob);
    }
  });
}
