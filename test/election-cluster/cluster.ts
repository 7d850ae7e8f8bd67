/**
 * A small election cluster of real processes on loopback for the whole-election tests: one node that is
 * registrar, miner and the only validator (quorum 1), ballot-box nodes (`pnyx node --roles ballot-box`,
 * or `cheating-node.mjs` for a box with a deliberate fault), and trustees as `pnyx trustee run` processes
 * (with `--fault …` where asked). Keys, admin token and genesis are written first, as the demo does.
 * Voters, organiser and verifier are driven through the `pnyx` command line by the tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../src/crypto/bytes.js';
import type { JsonObject } from '../../src/crypto/encoding/canonical-json.js';
import { ed25519Native } from '../../src/crypto/node/ed25519-native.js';
import { systemRng } from '../../src/crypto/rng.js';
import { freePorts } from '../../src/demo/layout.js';
import { decodeAuthorityGenesis } from '../../src/ledger/authority/genesis.js';
import { blockId, blockJson, blockText } from '../../src/ledger/block.js';
import { searchNonceSync } from '../../src/ledger/pow.js';
import { loadOrCreateIdentity, type NodeIdentity } from '../../src/node/keys.js';
import { kill, type NodeProc, waitFor, waitHealthy } from '../node-mp/cluster.js';
import { removeSnapshot, snapshotRoot } from './snapshot.js';

/** Proof-of-work hardness of the test ledgers. */
export const HARDNESS = 4;

/** A ballot box to start: honest, or with one deliberate fault. */
export interface BoxPlan {
  readonly name: string;
  readonly fault?: 'drop' | 'alter';
}

/** A trustee to start, with its `pnyx trustee run --fault` names. */
export interface TrusteePlan {
  readonly name: string;
  readonly faults?: readonly string[];
}

/** A process of the cluster other than a node (a trustee). */
export interface Proc {
  readonly name: string;
  proc: ChildProcess;
  readonly log: string[];
}

/** The running cluster. */
export interface Cluster {
  readonly dir: string;
  readonly tokenFile: string;
  readonly adminToken: string;
  readonly genesisId: string;
  readonly registrar: NodeProc;
  readonly boxes: readonly (NodeProc & { key: string })[];
  readonly trustees: readonly (Proc & { key: string })[];
  /** Identity of every process by name (keys of boxes, trustees, the registrar). */
  readonly identities: ReadonlyMap<string, NodeIdentity>;
  /** Stops every process and removes the folder. */
  stop(): Promise<void>;
}

/** Writes keys, admin token and the genesis (validator and registrar: the registrar node's key). */
function prepare(dir: string, names: readonly string[]) {
  const identities = new Map<string, NodeIdentity>();
  for (const n of names) {
    const id = loadOrCreateIdentity(join(dir, `${n}.key`), ed25519Native, systemRng);
    if (!id.ok) throw new Error(id.message);
    identities.set(n, id.value.identity);
  }
  const adminToken = toHex(systemRng(32));
  const tokenFile = join(dir, 'admin.token');
  writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
  const reg = identities.get('registrar')!.publicKey;
  const content: JsonObject = {
    profile: 'authority',
    hardness: HARDNESS,
    quorum: 1,
    validators: [reg],
    time: Date.now() - 1000,
    registrar: reg,
  };
  const mined = searchNonceSync({ parent_id: '', miner_name: 'genesis', content }, HARDNESS);
  if (!mined.ok) throw new Error(mined.message);
  const checked = decodeAuthorityGenesis(blockJson(mined.value));
  if (!checked.ok) throw new Error(`${checked.code}: ${checked.message}`);
  const genesisFile = join(dir, 'genesis.json');
  writeFileSync(genesisFile, `${blockText(mined.value)}\n`);
  return { identities, adminToken, tokenFile, genesisFile, genesisId: blockId(mined.value) };
}

/** Common `pnyx node` arguments of the cluster. */
function nodeArgs(name: string, port: number, roles: string, dir: string, genesis: string, token: string) {
  return [
    '--name',
    name,
    '--port',
    String(port),
    '--roles',
    roles,
    '--data-dir',
    dir,
    '--genesis',
    genesis,
    '--admin-token-file',
    token,
    '--ledger',
    'election',
    '--log-level',
    'warn',
    '--rate-limit',
    '1000000',
    '--no-web',
    ...(roles.includes('registrar') ? ['--password-cost', 'interactive'] : []),
  ];
}

/** Spawns `node ARGS` from the private copy of the program; output kept in `log`. */
function spawnLogged(args: readonly string[], log: string[]): ChildProcess {
  const p = spawn(process.execPath, args, { cwd: snapshotRoot() });
  p.stdout?.on('data', (c: Buffer) => log.push(c.toString()));
  p.stderr?.on('data', (c: Buffer) => log.push(c.toString()));
  return p;
}

/** The `pnyx` entry of the private copy. */
function bin(): string {
  return join(snapshotRoot(), 'bin/pnyx.js');
}

/** Starts `pnyx node ARGS`. */
function startNode(name: string, port: number, args: readonly string[]): NodeProc {
  const log: string[] = [];
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    args,
    log,
    proc: spawnLogged([bin(), 'node', ...args], log),
  };
}

/** Starts a box with a fault: the same election node, built by `cheating-node.mjs` with the box's fault. */
function startCheatingBox(name: string, port: number, fault: string, args: readonly string[]): NodeProc {
  const log: string[] = [];
  const script = join(snapshotRoot(), 'test/election-cluster/cheating-node.mjs');
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    args,
    log,
    proc: spawnLogged([script, fault, ...args], log),
  };
}

/** Starts `pnyx trustee run` for one trustee against `node`. */
export function startTrustee(name: string, dir: string, node: string, faults: readonly string[] = []): Proc {
  const log: string[] = [];
  const args = ['trustee', 'run', '--node', node, '--data-dir', dir, '--name', name, '--poll-ms', '300'];
  const all = [...args, '--log-level', 'info', ...faults.flatMap((f) => ['--fault', f])];
  return { name, log, proc: spawnLogged([bin(), ...all], log) };
}

/** Starts the cluster: registrar (+ miner, validator), the boxes, the trustees; all healthy. */
export async function startCluster(o: {
  boxes: readonly BoxPlan[];
  trustees: readonly TrusteePlan[];
}): Promise<Cluster> {
  snapshotRoot();
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-election-'));
  const names = ['registrar', ...o.boxes.map((b) => b.name), ...o.trustees.map((t) => t.name)];
  const f = prepare(dir, names);
  const ports = await freePorts(1 + o.boxes.length);
  const registrar = startNode(
    'registrar',
    ports[0]!,
    nodeArgs('registrar', ports[0]!, 'registrar,miner,validator', dir, f.genesisFile, f.tokenFile),
  );
  const boxes = o.boxes.map((b, i) => {
    const port = ports[i + 1]!;
    const args = nodeArgs(b.name, port, 'ballot-box', dir, f.genesisFile, f.tokenFile);
    const n = b.fault ? startCheatingBox(b.name, port, b.fault, args) : startNode(b.name, port, args);
    return Object.assign(n, { key: f.identities.get(b.name)!.publicKey });
  });
  const nodes = [registrar, ...boxes];
  const trustees: (Proc & { key: string })[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all([...nodes, ...trustees].map((n) => kill(n as NodeProc, 'SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
    removeSnapshot();
  };
  try {
    for (const n of nodes) await waitHealthy(n, 30_000);
    // Every node learns every other (each starts without peers).
    for (const a of nodes)
      for (const b of nodes)
        if (a !== b)
          await fetch(`${a.url}/peer/announce`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ url: b.url }),
          });
    for (const t of o.trustees)
      trustees.push(
        Object.assign(startTrustee(t.name, dir, registrar.url, t.faults), {
          key: f.identities.get(t.name)!.publicKey,
        }),
      );
    // The k-of-n ceremony's phases end at fixed times: every trustee must be up before the election exists.
    for (const t of trustees)
      await waitFor(`${t.name} started`, 60_000, async () => {
        if (t.proc.exitCode !== null)
          throw new Error(`${t.name} exited (${t.proc.exitCode}): ${t.log.join('')}`);
        return t.log.join('').includes('trustee started') ? true : undefined;
      });
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    dir,
    tokenFile: f.tokenFile,
    adminToken: f.adminToken,
    genesisId: f.genesisId,
    registrar,
    boxes,
    trustees,
    identities: f.identities,
    stop,
  };
}

/** Runs `pnyx ARGS` from the private copy to completion. */
export function runPnyx(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin(), ...args], { cwd: snapshotRoot() });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    p.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs `pnyx …`; fails with its output unless the exit code is one of `codes`. */
export async function pnyx(
  args: readonly string[],
  codes: readonly number[] = [0],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runPnyx(args);
  if (!codes.includes(r.code))
    throw new Error(`pnyx ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The election status of a node (`GET /election/status`). */
export async function electionStatus(url: string): Promise<ElectionStatusBody> {
  const r = await fetch(`${url}/election/status`);
  return (await r.json()) as ElectionStatusBody;
}

/** The parts of `GET /election/status` the tests read. */
export interface ElectionStatusBody {
  readonly phase: string;
  readonly election?: string;
  readonly fingerprint?: string;
  readonly height: number;
  readonly final_height: number;
  readonly final: {
    readonly phase: string;
    readonly eligible: number;
    readonly ballots: number;
    readonly counted: number;
    readonly decryptions: number;
    readonly results?: unknown;
    readonly result_tx?: string;
  };
}

/** Polls the registrar's election status until `done`; the status. */
export function waitStatus(
  c: Cluster,
  what: string,
  ms: number,
  done: (s: ElectionStatusBody) => boolean,
): Promise<ElectionStatusBody> {
  return waitFor(what, ms, async () => {
    for (const n of [c.registrar, ...c.boxes])
      if (n.proc.exitCode !== null || n.proc.signalCode !== null)
        throw new Error(
          `${n.name} exited (${n.proc.exitCode ?? n.proc.signalCode}): ${n.log.join('').slice(-2000)}`,
        );
    const s = await electionStatus(c.registrar.url);
    return done(s) ? s : undefined;
  });
}
