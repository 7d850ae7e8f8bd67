/**
 * Node-only proof-of-work search on worker threads running {@link powKernel}. Implements {@link PowSearch}: the nonce range is
 * split among `threads` workers; the first solution wins and the other workers are terminated; an
 * {@link AbortSignal} terminates all of them at once.
 */
import { Worker } from 'node:worker_threads';
import { ok } from '../../crypto/result.js';
import { type LedgerResult, lfail } from '../errors.js';
import type { PowJob, PowSearch, PowSearchOptions, PowSolution } from '../pow.js';
import { type KernelMessage, powKernel } from '../pow-kernel.js';
import { blockIdFromTemplate } from './template-id.js';

/** Options of the worker pool. */
export interface WorkerPowOptions {
  /** Number of worker threads (default 1). */
  readonly threads?: number;
  /** Progress interval in milliseconds (default 250). */
  readonly reportMs?: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(${powKernel.toString()})(workerData, (m) => parentPort.postMessage(m));
`;

/** Creates a {@link PowSearch} running on worker threads. */
export function workerPowSearch(options: WorkerPowOptions = {}): PowSearch {
  const threads = Math.max(1, options.threads ?? 1);
  const reportMs = options.reportMs ?? 250;
  return (job: PowJob, searchOptions: PowSearchOptions = {}) =>
    runWorkers(job, threads, reportMs, searchOptions);
}

function runWorkers(
  job: PowJob,
  threads: number,
  reportMs: number,
  { signal, onProgress }: PowSearchOptions,
): Promise<LedgerResult<PowSolution>> {
  const t0 = performance.now();
  if (signal?.aborted) return Promise.resolve(lfail('MINING_ABORTED', 'the search was aborted'));
  return new Promise((resolve) => {
    const span = Math.ceil((job.end - job.start) / threads);
    const counts = new Array<number>(threads).fill(0);
    const workers: Worker[] = [];
    let exhausted = 0;
    let done = false;
    const total = (): number => counts.reduce((a, b) => a + b, 0);
    const finish = (r: LedgerResult<PowSolution>): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      resolve(r);
    };
    const onAbort = (): void => finish(lfail('MINING_ABORTED', 'the search was aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < threads; i++) {
      const start = job.start + i * span;
      const end = Math.min(job.end, start + span);
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          prefix: job.template.prefix,
          suffix: job.template.suffix,
          hardness: job.hardness,
          start,
          end,
          reportMs,
        },
      });
      workers.push(w);
      w.on('message', (m: KernelMessage) => {
        counts[i] = m.hashes;
        const ms = performance.now() - t0;
        if (m.type === 'progress') onProgress?.({ hashes: total(), ms, rate: (total() * 1000) / ms });
        else if (m.type === 'found')
          finish(ok({ nonce: m.nonce, id: blockIdFromTemplate(job.template, m.nonce), hashes: total(), ms }));
        else if (++exhausted === threads)
          finish(
            lfail(
              'MINING_EXHAUSTED',
              `no nonce in [${job.start}, ${job.end}) gives ${job.hardness} zero bits`,
            ),
          );
      });
      w.on('error', (e: Error) => finish(lfail('MINING_ABORTED', `mining worker failed: ${e.message}`)));
    }
  });
}
