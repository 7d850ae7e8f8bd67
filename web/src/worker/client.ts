/**
 * The page's side of the booth worker: starts it and turns its messages into promises, one per request.
 */
import type { BoothAnswers, BoothMessage, BoothRequest } from './protocol.js';

/** A failure the worker reported, with its stable code. */
export class WorkerError extends Error {
  override readonly name = 'WorkerError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = {
  resolve: (v: never) => void;
  reject: (e: unknown) => void;
  onProgress?: ((note: string) => void) | undefined;
};

/** A request without its id (the client numbers them). */
export type BoothAsk = BoothRequest extends infer R
  ? R extends BoothRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** The booth worker, started on first use. */
export class BoothWorker {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./booth-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<BoothMessage>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m.note);
      this.pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.value as never);
      else p.reject(new WorkerError(m.code, m.message));
    };
    w.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new WorkerError('WORKER_FAILED', e.message));
      this.pending.clear();
    };
    this.worker = w;
    return w;
  }

  /** Asks the worker; `onProgress` hears its notes while it works. */
  ask<R extends BoothAsk>(request: R, onProgress?: (note: string) => void): Promise<BoothAnswers[R['type']]> {
    const w = this.start();
    const id = this.next++;
    return new Promise<BoothAnswers[R['type']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: never) => void, reject, onProgress });
      w.postMessage({ ...request, id });
    });
  }

  /** Stops the worker (pending requests fail). */
  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new WorkerError('WORKER_STOPPED', 'the worker stopped'));
    this.pending.clear();
  }
}
