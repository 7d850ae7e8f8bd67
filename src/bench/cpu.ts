/**
 * CPU time of processes and threads, for benchmarks that report where a run's work went. Read from
 * Linux's `/proc` (user plus system time, in clock ticks of 1/100 s); undefined where `/proc` cannot be
 * read, so a figure built on it is left out rather than wrong.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/…/stat` (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** User plus system CPU seconds from a `/proc/…/stat` file (fields 14 and 15, after the command name). */
function statSeconds(path: string): number | undefined {
  try {
    const s = readFileSync(path, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return Number.isFinite(ticks) ? ticks / TICKS : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of a whole process (every thread), by process id. */
export function processCpuSeconds(pid: number): number | undefined {
  return statSeconds(`/proc/${pid}/stat`);
}

/** CPU seconds of this process's main thread (its thread id is the process id). */
export function mainThreadCpuSeconds(): number | undefined {
  return statSeconds(`/proc/self/task/${process.pid}/stat`);
}
