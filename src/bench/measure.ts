/** Timing helpers for `pnyx bench`: wall-clock per operation on one thread. */
import { performance } from 'node:perf_hooks';

/** One benchmark figure, as printed by `pnyx bench --json`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target this figure should meet, e.g. `<= 0.6`. */
  readonly target?: { readonly op: '<=' | '>='; readonly value: number };
}

/** Options of {@link msPerOp}. */
export interface MeasureOptions {
  /** Keep running until at least this much time has passed (ms). */
  readonly minTimeMs?: number;
  /** Run at least this many timed iterations. */
  readonly minIters?: number;
  /** Untimed warm-up iterations. */
  readonly warmup?: number;
}

/**
 * Milliseconds per call of `fn`: warms up, then runs batches until both the minimum time and the
 * minimum number of iterations are reached, and reports the median of the per-batch averages
 * (robust against a noisy neighbour on a shared machine).
 */
export function msPerOp(fn: () => unknown, opts: MeasureOptions = {}): number {
  const { minTimeMs = 600, minIters = 10, warmup = 3 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  let iters = 0;
  const start = performance.now();
  let batch = 1;
  while (performance.now() - start < minTimeMs || iters < minIters) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    const dt = performance.now() - t0;
    samples.push(dt / batch);
    iters += batch;
    if (dt < 20) batch *= 2;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Formats a figure and its target for the table. */
export function formatFigure(f: Figure): string {
  const v = f.value >= 100 ? f.value.toFixed(0) : f.value >= 1 ? f.value.toFixed(2) : f.value.toFixed(4);
  const target = f.target ? `${f.target.op} ${f.target.value}` : '';
  const met = f.target
    ? f.target.op === '<='
      ? f.value <= f.target.value
      : f.value >= f.target.value
    : undefined;
  const mark = met === undefined ? '' : met ? 'ok' : 'MISSED';
  return `${f.name.padEnd(36)} ${v.padStart(12)} ${f.unit.padEnd(8)} ${target.padEnd(10)} ${mark}`;
}
