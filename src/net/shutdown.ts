/** Graceful shutdown on SIGTERM/SIGINT for anything with a `stop()`. */
import type { Logger } from 'pino';

/** Something that can be stopped. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** Where signals come from and what happens after; every field has a default. */
export interface SignalOptions {
  readonly logger: Logger;
  readonly signals?: readonly NodeJS.Signals[];
  /** Emits the signals; default `process`. */
  readonly source?: NodeJS.EventEmitter;
  /** Called once stop() settled; default sets `process.exitCode` (0, or 1 if stopping failed). */
  readonly onStopped?: (error: unknown) => void;
  /** Called on a second signal while stopping; default exits at once with code 1. */
  readonly onForce?: () => void;
}

/**
 * On the first SIGTERM or SIGINT, calls `target.stop()` (which finishes in-flight requests and closes
 * resources); on a second one, gives up waiting. Returns a function that removes the listeners.
 */
export function stopOnSignals(target: Stoppable, opts: SignalOptions): () => void {
  const source = opts.source ?? process;
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const onStopped =
    opts.onStopped ??
    ((error: unknown) => {
      process.exitCode = error === undefined ? 0 : 1;
    });
  const onForce = opts.onForce ?? (() => process.exit(1));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      opts.logger.warn({ signal }, 'second signal: stopping now without waiting');
      onForce();
      return;
    }
    stopping = true;
    opts.logger.info({ signal }, 'stopping: finishing in-flight requests');
    target.stop().then(
      () => {
        dispose();
        onStopped(undefined);
      },
      (error: unknown) => {
        opts.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'stop failed');
        dispose();
        onStopped(error);
      },
    );
  };
  const dispose = (): void => {
    for (const s of signals) source.off(s, onSignal);
  };
  for (const s of signals) source.on(s, onSignal);
  return dispose;
}
