/**
 * Real `pnyx node` processes on loopback for the multi-process tests: building dist/ when missing, free
 * ports, temporary data directories, spawning, health waits, JSON calls, and killing every process.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJson } from '../../src/crypto/encoding/canonical-json.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** Builds dist/ when the node command is not compiled yet (`npm test` builds it first). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/cli/node.js')) && existsSync(join(ROOT, 'dist/node/http/server.js')))
    return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

/** The command line: bin/pnyx.js once main.ts wires `node`, else the test entry that adds it. */
export function pnyxArgs(): string[] {
  const main = readFileSync(join(ROOT, 'dist/cli/main.js'), 'utf8');
  return main.includes('addNodeCommand') && main.includes('addGenesisCommand')
    ? [join(ROOT, 'bin/pnyx.js')]
    : [join(ROOT, 'test/node-mp/cli-entry.mjs')];
}

/** Runs a pnyx command to completion; resolves with stdout, rejects with stderr. */
export function runPnyx(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const p = spawn(process.execPath, [...pnyxArgs(), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    p.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    p.on('exit', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}

/** A fresh temporary directory and its removal. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-mp-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One node process. */
export interface NodeProc {
  readonly name: string;
  readonly url: string;
  readonly args: readonly string[];
  proc: ChildProcess;
  /** Everything it wrote (pino lines and errors). */
  readonly log: string[];
}

/** Starts `pnyx node` with the given arguments (after `node`). */
export function startNode(name: string, port: number, args: readonly string[]): NodeProc {
  const n: NodeProc = { name, url: `http://127.0.0.1:${port}`, args, proc: undefined as never, log: [] };
  respawn(n);
  return n;
}

/** Starts the node's process again with the same arguments. */
export function respawn(n: NodeProc): void {
  n.proc = spawn(process.execPath, [...pnyxArgs(), 'node', ...n.args], { cwd: ROOT });
  n.proc.stdout?.on('data', (c: Buffer) => n.log.push(c.toString()));
  n.proc.stderr?.on('data', (c: Buffer) => n.log.push(c.toString()));
}

/** Kills a process with a signal and waits for it to exit (bounded). */
export async function kill(n: NodeProc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const p = n.proc;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill(signal);
  await Promise.race([exited, sleep(5000)]);
  if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

/** Waits until a node answers `/health`; fails at once, with its output, if the process exited. */
export async function waitHealthy(n: NodeProc, ms: number): Promise<void> {
  await waitFor(`${n.name} healthy`, ms, async () => {
    if (n.proc.exitCode !== null || n.proc.signalCode !== null)
      throw new Error(
        `${n.name} exited (${n.proc.exitCode ?? n.proc.signalCode}): ${n.log.join('').slice(-2000)}`,
      );
    return (await call(`${n.url}/health`).catch(() => undefined))?.status === 200 ? true : undefined;
  }).catch((e: unknown) => {
    throw new Error(`${String(e)}\n--- ${n.name} output ---\n${n.log.join('').slice(-2000)}`);
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      if (e instanceof Error && e.message.includes(' exited (')) throw e;
      last = e;
    }
    if (Date.now() > until)
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}

/** A JSON answer. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Calls a node and parses the answer exactly. A request that fails without an answer (a pooled
 * connection the node closed as it was reused, on a loaded machine) is sent once more: every call the
 * tests make may be repeated without changing the outcome.
 */
export async function call(url: string, method = 'GET', body?: string): Promise<Answer> {
  const send = () =>
    fetch(url, {
      method,
      ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  const res = await send().catch((e: unknown) => {
    if (e instanceof TypeError) return send();
    throw e;
  });
  const text = await res.text();
  const p = parseJson(text);
  return { status: res.status, body: p.ok ? p.value : text };
}

/** GET of a JSON answer that must be 200. */
export async function getJson<T>(url: string): Promise<T> {
  const a = await call(url);
  if (a.status !== 200) throw new Error(`${url}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body as T;
}
