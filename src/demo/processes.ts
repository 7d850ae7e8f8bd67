/**
 * The demo's child processes: each node is `node bin/pnyx.js node …`, its output kept in `NAME.log` in
 * the data folder. Every child is stopped when the demo ends, fails, or is interrupted (SIGTERM, then
 * SIGKILL for a child that has not exited after a few seconds; SIGKILL on an abrupt exit).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoNode } from './layout.js';

/** The `pnyx` entry script of this installation. */
export const PNYX_BIN = fileURLToPath(new URL('../../bin/pnyx.js', import.meta.url));

/** The running children of this process. */
const children = new Set<ChildProcess>();
let hooked = false;

/** Kills every remaining child at once (on an abrupt exit). */
function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
}

/** Starts one node; its stdout and stderr go to `DIR/NAME.log`. */
export function spawnNode(node: DemoNode, dir: string, args: readonly string[]): ChildProcess {
  hookExit();
  const log = openSync(join(dir, `${node.name}.log`), 'a');
  const child = spawn(process.execPath, [PNYX_BIN, 'node', ...args], {
    stdio: ['ignore', log, log],
    env: { ...process.env, UV_THREADPOOL_SIZE: '2' },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Stops every child: SIGTERM, then SIGKILL after `graceMs`. Resolves once all have exited. */
export async function stopAll(graceMs = 5000): Promise<void> {
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          const t = setTimeout(() => c.kill('SIGKILL'), graceMs);
          c.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
