/**
 * `election.demo200_s`: wall time of the 200-voter demo (`pnyx demo --voters 200`), from the first node
 * process started to the verified result, measured by running the compiled command itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './measure.js';

const BIN = fileURLToPath(new URL('../../bin/pnyx.js', import.meta.url));

/** Runs the demo with `voters` voters; answers its wall time in seconds (throws if it failed). */
async function demoSeconds(voters: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-bench-demo-'));
  const t0 = performance.now();
  try {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, 'demo', '--json', '--voters', String(voters), '--data-dir', dir],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      child.on('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`pnyx demo --voters ${voters} failed with exit code ${code}`);
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo figure. */
export async function demoFigures(): Promise<Figure[]> {
  return [
    { name: 'election.demo200_s', value: await demoSeconds(200), unit: 's', target: { op: '<=', value: 90 } },
  ];
}
