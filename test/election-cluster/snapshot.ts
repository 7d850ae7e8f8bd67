/**
 * A private, consistent copy of the compiled program for the processes of one test file. `dist/` is
 * rebuilt by anyone working in the checkout; a rebuild in the middle of a run would start processes from a
 * half-written tree. So the tests wait until `dist/` is quiet (no compiler running, no file changed for a
 * few seconds), copy it into a temporary folder laid out like the package (`dist/`, `bin/pnyx.js`,
 * `package.json`, links to `node_modules` and `native`), check that the command line loads there, and run
 * every process from that copy.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../node-mp/cluster.js';

/** Newest modification time under `dir` (skipping the web app's folder). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== join(ROOT, 'dist/web')) t = Math.max(t, newest(p));
    } else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** True while a TypeScript compiler writes somewhere on this machine. */
function compiling(): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(pid)) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\u0000');
    if (
      args.some((a) => /(^|\/)tsc$/.test(a)) &&
      !args.includes('--noEmit') &&
      !cmd.includes('tsconfig.check') &&
      !cmd.includes('web/tsconfig')
    )
      return true;
  }
  return false;
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

let root: string | undefined;

/** The private copy's root (made once per test process); remove it with {@link removeSnapshot}. */
export function snapshotRoot(): string {
  if (root) return root;
  ensureBuilt();
  for (let attempt = 0; ; attempt++) {
    const until = Date.now() + 180_000;
    while (Date.now() < until && (compiling() || Date.now() - newest(join(ROOT, 'dist')) < 4000))
      sleepSync(500);
    const dir = mkdtempSync(join(tmpdir(), 'pnyx-e2e-'));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {
      recursive: true,
      filter: (src) => src !== join(ROOT, 'dist/web'),
    });
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin/pnyx.js'), join(dir, 'bin/pnyx.js'));
    writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'native'), join(dir, 'native'));
    mkdirSync(join(dir, 'test/election-cluster'), { recursive: true });
    copyFileSync(
      join(ROOT, 'test/election-cluster/cheating-node.mjs'),
      join(dir, 'test/election-cluster/cheating-node.mjs'),
    );
    // The whole command line must load from the copy (a half-written tree fails here).
    const ok =
      spawnSync(process.execPath, [join(dir, 'bin/pnyx.js'), 'verify', '--help'], { encoding: 'utf8' })
        .status === 0 &&
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "await import('./dist/node/election/start.js'); await import('./dist/cli/trustee.js'); await import('./dist/cli/voter.js');",
        ],
        { cwd: dir, encoding: 'utf8' },
      ).status === 0;
    if (ok) {
      root = dir;
      return dir;
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 3) throw new Error('dist/ does not load: build it with npx tsc -p tsconfig.json');
    sleepSync(5000);
  }
}

/** Removes the private copy. */
export function removeSnapshot(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
