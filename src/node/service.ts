/**
 * What every node service shares: a start/stop lifecycle, a structured logger and a clock. Services are
 * built by small factories that take the components they need, so tests can assemble several nodes in one
 * process and swap any part.
 */

/** A service with a lifecycle. `start` resolves once the service runs; `stop` once it has fully stopped. */
export interface Startable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The logging calls the node uses (a pino logger fits). Never log secrets or request bodies. */
export interface NodeLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A logger that drops everything. */
export const silentLogger: NodeLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** Resolves after `ms` milliseconds, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A wake-up signal: `wait()` resolves at the next `notify()` (or at once if one came since the last wait). */
export class Wakeup {
  private pending = false;
  private waiters: (() => void)[] = [];

  /** Wakes the waiter. */
  notify(): void {
    this.pending = true;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Waits for a notification, at most `ms` milliseconds, or until `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.pending || signal?.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        this.pending = false;
        resolve();
      };
      const t = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }
}

/** Message of an unknown thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
