/**
 * `election.box_ballots_per_s` and `election.box_ballots_per_s_pg`: 1-of-5 ballots accepted per second by
 * one ballot box over HTTP on loopback, receipts included. The box runs as in production — proofs
 * checked on a pool of worker threads (one per core), group commits with a full fsync (SQLite
 * `synchronous=FULL`; PostgreSQL committed transactions), receipts signed after the commit, forwarding to
 * a ledger that accepts everything — while concurrent clients send valid casts made before timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { pino } from 'pino';
import { toHex } from '../crypto/bytes.js';
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { loadFastRistretto } from '../crypto/node/ristretto.js';
import { unwrap } from '../crypto/result.js';
import { systemRng } from '../crypto/rng.js';
import { generateSigningKey } from '../crypto/sig/ed25519.js';
import { createServer } from '../net/server.js';
import { identityFromSeed } from '../node/keys.js';
import type { PostResult } from '../node/peer-client.js';
import { eligibilityView } from '../node/roles/ballot-box/eligibility.js';
import type { LedgerPort } from '../node/roles/ballot-box/ledger-port.js';
import { mountBallotBox } from '../node/roles/ballot-box/role.js';
import type { CastBody } from '../node/roles/ballot-box/routes.js';
import { silentLogger } from '../node/service.js';
import { castToJson } from '../protocol/cast/cast.js';
import { castContext } from '../protocol/cast/context.js';
import { createCast } from '../protocol/cast/create.js';
import { buildElection } from '../protocol/election/build.js';
import type { ElectionDefinition } from '../protocol/election/definition.js';
import { electionFingerprint } from '../protocol/election/fingerprint.js';
import { elgamalScheme } from '../protocol/elgamal-scheme.js';
import { identityKeysChecker } from '../protocol/eligibility/identity-keys.js';
import {
  createVoterKeys,
  MAX_VOTERS_PER_RECORD,
  voterKeysToJson,
} from '../protocol/eligibility/voter-keys.js';
import { openDatabase, type StoreLocation } from '../store/open.js';
import type { LoadJob, LoadReport } from './box-clients.js';
import { ONE_OF_FIVE, ONE_OF_FIVE_VOTE } from './fixtures.js';
import type { Figure } from './measure.js';

/** Ballots sent per run. */
const BALLOTS = 1600;
/** Concurrent clients. */
const CLIENTS = 32;

const ed = ed25519Native;
const rng = systemRng;
const key = () => generateSigningKey(ed, rng);

/** A ledger that takes every transaction and reports it in a block at once (it costs next to nothing). */
function acceptingLedger(): LedgerPort {
  return {
    chain: '00'.repeat(32),
    async submitTx(): Promise<PostResult> {
      return { ok: true, status: 'added' };
    },
    async inBlocks(ids) {
      return new Set(ids);
    },
  };
}

interface Setup {
  readonly election: ElectionDefinition;
  readonly boxSecret: Uint8Array;
  readonly keyJson: JsonValue;
  readonly bodies: readonly CastBody[];
  readonly eligibility: ReturnType<typeof eligibilityView>;
}

/** The election, its eligible voters and one valid cast per voter (untimed). */
async function prepare(): Promise<Setup> {
  const G = await loadFastRistretto();
  const box = key();
  const registrar = key();
  const now = Date.now();
  const election = unwrap(
    buildElection({
      id: 'bench-box',
      manifest: ONE_OF_FIVE,
      schedule: { opens_at: now - 60_000, closes_at: now + 3_600_000 },
      boxes: [{ id: 'box', key: toHex(box.publicKey), url: 'http://127.0.0.1:1/' }],
      validators: [toHex(key().publicKey)],
      trustees: { n: 1, k: 1, members: [{ index: 1, name: 't', key: toHex(key().publicKey) }] },
      registrar: toHex(registrar.publicKey),
      roll: { count: BALLOTS, hash: '00'.repeat(32) },
    }),
  );
  const pk = G.expG(G.randomScalar(rng));
  const ctx = castContext(election, elgamalScheme(G, pk), ed);
  const voters = Array.from({ length: BALLOTS }, key);
  const bodies = voters.map(
    (v) =>
      castToJson(
        unwrap(
          createCast(ctx, { voterSecret: v.secretKey, plaintext: ONE_OF_FIVE_VOTE.map((q) => [...q]) }, rng),
        ).cast,
      ) as CastBody,
  );
  const checker = identityKeysChecker(ed, election);
  let state = checker.initial();
  const fp = electionFingerprint(election);
  for (let i = 0; i < voters.length; i += MAX_VOTERS_PER_RECORD) {
    const entries = voters
      .slice(i, i + MAX_VOTERS_PER_RECORD)
      .map((v) => ({ key: toHex(v.publicKey), boxes: ['box'] }));
    const record = voterKeysToJson(createVoterKeys(ed, registrar.secretKey, fp, entries));
    state = unwrap(checker.apply(state, 'voter_keys', record));
  }
  const final = state;
  return {
    election,
    boxSecret: box.secretKey,
    keyJson: G.toJson(pk),
    bodies,
    eligibility: eligibilityView(checker, () => final),
  };
}

/** Runs one box on `loc` and returns the ballots accepted per second. */
async function run(s: Setup, loc: StoreLocation): Promise<number> {
  const opened = await openDatabase(loc);
  const role = await mountBallotBox({
    election: s.election,
    electionKey: () => s.keyJson,
    identity: identityFromSeed(ed, s.boxSecret),
    ed,
    database: {
      ...opened,
      ...(loc.kind === 'postgres' && loc.schema ? { schema: loc.schema } : {}),
      ...(loc.kind === 'sqlite' ? { file: loc.file } : {}),
    },
    eligibility: s.eligibility,
    ledger: acceptingLedger(),
    now: Date.now,
    logger: silentLogger,
  });
  await role.box.start();
  const server = createServer({
    routes: role.routes,
    handlers: role.handlers,
    logger: pino({ level: 'silent' }),
  });
  const url = await server.start();
  try {
    const report = await runLoad({
      url,
      clients: CLIENTS,
      warm: s.bodies.slice(0, CLIENTS),
      bodies: s.bodies.slice(CLIENTS),
    });
    if (report.failures > 0)
      throw new Error(`${report.failures} casts were refused, e.g. ${report.firstFailure ?? '?'}`);
    return report.receipts / report.seconds;
  } finally {
    await server.stop();
    await role.box.stop();
    await opened.db.destroy();
  }
}

/** Runs the clients on a worker thread (`box-clients.ts`). */
function runLoad(job: LoadJob): Promise<LoadReport> {
  const worker = new Worker(new URL('./box-clients.js', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: LoadReport) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load worker exited with code ${code}`)));
  });
}

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The ballot-box throughput figures (SQLite always; PostgreSQL when `PNYX_TEST_PG` is reachable). */
export async function boxFigures(): Promise<Figure[]> {
  const setup = await prepare();
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pnyx-bench-box-'));
  try {
    const perS = await run(setup, { kind: 'sqlite', file: join(dir, 'box.db') });
    figures.push({
      name: 'election.box_ballots_per_s',
      value: perS,
      unit: '1/s',
      target: { op: '>=', value: 400 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.PNYX_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!(await pgReachable(url))) {
    console.warn(
      `election.box_ballots_per_s_pg skipped: PostgreSQL at ${url} is unreachable (set PNYX_TEST_PG)`,
    );
    return figures;
  }
  const schema = `pnyx_bench_${toHex(rng(6))}`;
  try {
    const perS = await run(setup, { kind: 'postgres', url, schema });
    figures.push({ name: 'election.box_ballots_per_s_pg', value: perS, unit: '1/s' });
  } finally {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
  return figures;
}
