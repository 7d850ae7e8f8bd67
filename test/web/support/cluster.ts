/**
 * The open demo as a test fixture: `pnyx demo --open --json …` as a child process in a fresh temporary
 * data folder; its one JSON line says where the pages are. `stop()` sends SIGINT (the demo stops its
 * nodes) and removes the folder. Needs the compiled program (`npx tsc -p tsconfig.json`) and the built
 * web app (`npx vite build --config web/vite.config.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenDemoInfo } from '../../../src/demo/open.js';

/** The `pnyx` entry script. */
export const BIN = join(import.meta.dirname, '../../../bin/pnyx.js');

/** A running open demo. */
export interface OpenCluster {
  readonly info: OpenDemoInfo;
  readonly child: ChildProcess;
  /** Everything the demo wrote on stderr so far. */
  stderr(): string;
  /** Stops the demo (SIGINT) and its nodes; answers the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `pnyx demo --open --json` with `args`; resolves once the demo printed its JSON line. */
export function startOpenDemo(args: readonly string[], timeoutMs = 150_000): Promise<OpenCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-web-'));
  const child = spawn(process.execPath, [BIN, 'demo', '--open', '--json', '--data-dir', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`pnyx demo --open was not ready within ${timeoutMs / 1000} s: ${err}`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        const info = JSON.parse(out.slice(0, nl)) as OpenDemoInfo;
        resolve({ info, child, stderr: () => err, stop });
      } catch (e) {
        void stop();
        reject(new Error(`pnyx demo --open printed no JSON line: ${(e as Error).message}: ${out}`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`pnyx demo --open exited (${code}) before it was ready: ${err}`));
    });
  });
}
