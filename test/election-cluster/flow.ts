/**
 * The steps of a whole election on a test cluster: the voter roll through the registrar's admin routes,
 * the election through `POST /election/admin/create`, voters through `pnyx voter vote`, the close through
 * `pnyx election close`, and the checks through `pnyx election status|results`, `pnyx voter check` and
 * `pnyx verify`.
 */
import { join } from 'node:path';
import type { JsonObject } from '../../src/crypto/encoding/canonical-json.js';
import { adminRegistrar, electionClient } from '../../src/demo/clients.js';
import { demoManifest } from '../../src/demo/election.js';
import { adminSession, importRoll, type RollVoter } from '../../src/demo/roll.js';
import type { CreateElectionInput } from '../../src/node/election/admin.js';
import { type Cluster, pnyx, waitStatus } from './cluster.js';

/** Imports `n` voters (with an admin session, else as a first administrator made here); their passwords. */
export async function rollOf(c: Cluster, n: number, session?: string): Promise<RollVoter[]> {
  const reg = adminRegistrar(c.registrar.url, c.adminToken);
  const s = session ?? (await adminSession(reg));
  return importRoll(reg, s, n, { update: () => undefined, stop: () => undefined });
}

/** The creation request: the demo's manifest, the cluster's boxes and trustees (k of them needed). */
export function electionInput(
  c: Cluster,
  o: { id: string; k: number; revote: 'once' | 'last'; opensInMs: number },
): CreateElectionInput {
  const opens = Date.now() + o.opensInMs;
  return {
    id: o.id,
    manifest: demoManifest(),
    opens_at: opens,
    closes_at: opens + 30 * 60_000,
    revote: o.revote,
    boxes: c.boxes.map((b) => ({ id: b.name, key: b.key, url: b.url })),
    trustees: {
      n: c.trustees.length,
      k: o.k,
      members: c.trustees.map((t, i) => ({ index: i + 1, name: t.name, key: t.key })),
    },
  };
}

/** Creates the election on the registrar node. */
export async function createElection(
  c: Cluster,
  input: CreateElectionInput,
): Promise<{ fingerprint: string }> {
  return electionClient(c.registrar.url, c.adminToken).electionCreate({ body: input });
}

/** A voter's choice: `chair` (1 of 5) and `budget` (yes/no). */
export interface Vote {
  readonly chair: string;
  readonly budget: string;
}

/** What `pnyx voter vote --json` printed. */
export interface VoteOut {
  readonly code: number;
  readonly tracker?: string;
  readonly receipts: readonly { box: string; tracker: string }[];
  readonly failures: readonly { box: string; code: string; message: string }[];
  readonly stderr: string;
}

/** `pnyx voter vote` for one voter (registering first when its key file is new). */
export async function vote(
  c: Cluster,
  election: string,
  v: RollVoter,
  choice: Vote,
  codes: readonly number[] = [0],
): Promise<VoteOut> {
  const r = await pnyx(
    [
      'voter',
      'vote',
      '--node',
      c.registrar.url,
      '--election',
      election,
      '--login',
      v.login,
      '--password',
      v.password,
      '--key-file',
      join(c.dir, `${v.login}.voter.json`),
      '--choice',
      `chair=${choice.chair}`,
      '--choice',
      `budget=${choice.budget}`,
      '--wait',
      '120',
      '--json',
    ],
    codes,
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const out = line.startsWith('{') ? (JSON.parse(line) as JsonObject) : {};
  return {
    code: r.code,
    ...(typeof out.tracker === 'string' ? { tracker: out.tracker } : {}),
    receipts: (out.receipts ?? []) as unknown as VoteOut['receipts'],
    failures: (out.failures ?? []) as unknown as VoteOut['failures'],
    stderr: r.stderr,
  };
}

/** Intended counts of `votes`, in the shape of `pnyx election results --json` questions. */
export function intended(votes: readonly Vote[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {
    chair: { ada: 0, bruno: 0, chiara: 0, dmitri: 0, eun: 0 },
    budget: { yes: 0, no: 0 },
  };
  for (const v of votes) {
    out.chair![v.chair]! += 1;
    out.budget![v.budget]! += 1;
  }
  return out;
}

/** The decrypted counts `pnyx election results --json` prints. */
export async function results(c: Cluster): Promise<Record<string, Record<string, number>>> {
  const r = await pnyx(['election', 'results', '--node', c.registrar.url, '--json']);
  const j = JSON.parse(r.stdout.trim()) as { questions: { id: string; counts: [string, number][] }[] };
  return Object.fromEntries(j.questions.map((q) => [q.id, Object.fromEntries(q.counts)]));
}

/** `pnyx election status --json`. */
export async function statusJson(c: Cluster): Promise<JsonObject> {
  const r = await pnyx(['election', 'status', '--node', c.registrar.url, '--json']);
  return JSON.parse(r.stdout.trim()) as JsonObject;
}

/** Closes through `pnyx election close` and waits for the result on the final ledger. */
export async function closeAndTally(c: Cluster, election: string, ms = 90_000): Promise<void> {
  const r = await pnyx([
    'election',
    'close',
    '--node',
    c.registrar.url,
    '--admin-token-file',
    c.tokenFile,
    '--election',
    election,
  ]);
  if (!/close submitted/.test(r.stdout)) throw new Error(`unexpected close output: ${r.stdout}`);
  await waitStatus(c, 'the result on the final ledger', ms, (s) => s.final.result_tx !== undefined);
}

/** One check of `pnyx verify --json`. */
export interface VerifyCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly summary: string;
  readonly problems: readonly { object: string; code: string; message: string }[];
}

/** `pnyx verify --json` over a node or a file; its exit code and report. */
export async function verify(
  source: { node: string } | { file: string },
  codes: readonly number[] = [0],
): Promise<{ code: number; ok: boolean; checks: VerifyCheck[] }> {
  const r = await pnyx(
    [
      'verify',
      ...('node' in source ? ['--node', source.node] : ['--file', source.file]),
      '--json',
      '--workers',
      '1',
    ],
    codes,
  );
  const j = JSON.parse(r.stdout.trim()) as { ok: boolean; checks: VerifyCheck[] };
  return { code: r.code, ok: j.ok, checks: j.checks };
}

/** `pnyx voter check TRACKER --json`: its standing and the records' boxes and verdicts. */
export async function check(
  c: Cluster,
  tracker: string,
  codes: readonly number[] = [0, 1],
): Promise<{ standing: string; records: { box: string; verdict: string }[] }> {
  const r = await pnyx(['voter', 'check', tracker, '--node', c.registrar.url, '--json'], codes);
  return JSON.parse(r.stdout.trim()) as { standing: string; records: { box: string; verdict: string }[] };
}
