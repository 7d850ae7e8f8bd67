/**
 * Ledger node processes for the benchmarks: keys and a genesis made in process, `pnyx node` processes
 * spawned on free loopback ports, health waits, JSON calls, and a stop that kills every process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenesis } from '../cli/genesis.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import { type Block, blockId, blockText } from '../ledger/block.js';
import { loadOrCreateIdentity } from '../node/keys.js';

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Writes an entry script running the compiled `node` command, independent of how the main program is
 * wired. A file, not `--input-type=module -e`: worker threads inherit the flags and the proof-of-work
 * worker's script must stay a plain script.
 */
function writeEntry(dir: string): string {
  const file = join(dir, 'pnyx-node.mjs');
  const commander = import.meta.resolve('commander');
  const node = new URL('../cli/node.js', import.meta.url).href;
  writeFileSync(
    file,
    `const { Command } = await import(${JSON.stringify(commander)});
const { addNodeCommand } = await import(${JSON.stringify(node)});
const p = new Command('pnyx');
addNodeCommand(p);
await p.parseAsync(process.argv);
`,
  );
  return file;
}

/** The repository root (where `node_modules` is). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One node process. */
export interface BenchNode {
  readonly name: string;
  readonly url: string;
  readonly proc: ChildProcess;
}

/** A set of node processes sharing one genesis, in a temporary directory. */
export interface Cluster {
  readonly dir: string;
  readonly genesisId: string;
  readonly genesisFile: string;
  readonly nodes: BenchNode[];
  /** Validator public keys by node name. */
  readonly keys: Map<string, string>;
  /** Starts a node process (its key file must exist for validators: see {@link makeCluster}). */
  start(name: string, roles: string, peers: readonly string[], extra?: readonly string[]): Promise<BenchNode>;
  /** Kills every process and removes the directory. */
  stop(): Promise<void>;
}

/** Creates validator keys and a genesis (or takes the one given); no process runs yet. */
export function makeCluster(validators: readonly string[], hardness: number, given?: Block): Cluster {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-bench-'));
  const keys = new Map<string, string>();
  for (const v of validators) {
    const r = loadOrCreateIdentity(join(dir, v, `${v}.key`), ed25519Native, systemRng);
    if (!r.ok) throw new Error(r.message);
    keys.set(v, r.value.identity.publicKey);
  }
  const genesis =
    given ?? createGenesis({ validators: [...keys.values()], quorum: 2, hardness, time: Date.now() });
  const genesisFile = join(dir, 'genesis.json');
  writeFileSync(genesisFile, blockText(genesis));
  const nodes: BenchNode[] = [];
  const entry = writeEntry(dir);
  return {
    dir,
    genesisId: blockId(genesis),
    genesisFile,
    nodes,
    keys,
    async start(name, roles, peers, extra = []) {
      const port = await freePort();
      const args = [
        ...['--name', name, '--port', String(port), '--roles', roles, '--data-dir', join(dir, name)],
        ...['--genesis', genesisFile, '--log-level', 'warn'],
        ...(peers.length > 0 ? ['--peers', peers.join(',')] : []),
        ...extra,
      ];
      const debug = process.env.PNYX_BENCH_DEBUG !== undefined;
      const out = debug ? openSync(join(dir, `${name}.log`), 'a') : 'ignore';
      const level = debug ? ['--log-level', 'debug'] : [];
      const proc = spawn(process.execPath, [entry, 'node', ...args, ...level], {
        cwd: ROOT,
        stdio: ['ignore', out, 'inherit'],
      });
      const n = { name, url: `http://127.0.0.1:${port}`, proc };
      nodes.push(n);
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', (code) =>
          reject(new Error(`node ${name} exited with code ${code} before listening`)),
        ),
      );
      exited.catch(() => undefined); // a later exit (the stop) is not a failure
      await Promise.race([waitHealthy(n.url, 300_000), exited]);
      return n;
    },
    async stop() {
      await Promise.all(
        nodes.map(async (n) => {
          if (n.proc.exitCode !== null || n.proc.signalCode !== null) return;
          const exited = new Promise((r) => n.proc.once('exit', r));
          n.proc.kill('SIGKILL');
          await exited;
        }),
      );
      if (process.env.PNYX_BENCH_DEBUG === undefined) rmSync(dir, { recursive: true, force: true });
      else console.error(`logs kept in ${dir}`);
    },
  };
}

/** Waits until a node answers `/health` (a node replays its whole store before it listens). */
export async function waitHealthy(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > until) throw new Error(`${url} did not start`);
    await sleep(50);
  }
}
