/**
 * `pnyx demo`: a whole election on this machine. Phases: start the node processes; import the voter
 * roll; create the election (the trustees run the key ceremony meanwhile); register the voters; cast
 * their ballots to the ballot boxes; close voting, let the trustees decrypt and a node post the result;
 * download the ledger export and verify it from scratch; compare the counts with the intended votes.
 */
import { join, resolve } from 'node:path';
import { castContextOf, ElectionReader } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import { downloadExport } from '../verify/lines.js';
import { verifyLedger } from '../verify/verify.js';
import { adminRegistrar, closeClients, electionClient } from './clients.js';
import { ceremonyMs, type DemoEligibility, type DemoScheme, demoElection } from './election.js';
import { type DemoLayout, demoLayout } from './layout.js';
import { spawnNode, stopAll } from './processes.js';
import { progressBar } from './progress.js';
import { adminSession, importRoll } from './roll.js';
import { prepareFiles } from './setup.js';
import { countsOf, type DemoSummary, type PhaseTime, sameCounts } from './summary.js';
import { intendedCounts, registerAll, simVoters, voteAll } from './voters.js';
import { DemoError, introduce, waitHealthy, waitStatus } from './wait.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly voters: number;
  readonly scheme: DemoScheme;
  readonly eligibility: DemoEligibility;
  /** Parent folder; the demo works in `DATA_DIR/demo`, emptied first. */
  readonly dataDir: string;
  /** Leave the nodes running at the end. */
  readonly keep: boolean;
  /** No progress bars or phase lines (JSON output). */
  readonly quiet: boolean;
  /** Phase lines go here (stderr by default). */
  readonly log?: (line: string) => void;
}

/** The demo network once started; `stop()` ends every node process. */
export interface DemoRun {
  readonly summary: DemoSummary;
  readonly layout: DemoLayout;
  stop(): Promise<void>;
}

/** Runs the demo; throws {@link DemoError} (after stopping the nodes) when a phase fails. */
export async function runDemo(o: DemoOptions): Promise<DemoRun> {
  const say = o.quiet ? () => undefined : (o.log ?? ((l: string) => process.stderr.write(`${l}\n`)));
  const t0 = performance.now();
  const timings: PhaseTime[] = [];
  let mark = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    timings.push({ phase: name, seconds: (now - mark) / 1000 });
    say(`✓ ${name} (${((now - mark) / 1000).toFixed(1)} s)`);
    mark = now;
  };
  let stopping = false;
  let died: string | undefined;
  const alive = (): void => {
    if (died) throw new DemoError(died);
  };
  const dir = resolve(o.dataDir, 'demo');
  try {
    // 1. Keys, genesis, and the eleven node processes.
    const layout = await demoLayout();
    const files = prepareFiles(dir, layout);
    say(`starting ${layout.all.length} nodes in ${dir} …`);
    for (const n of layout.all) {
      const child = spawnNode(n, dir, [
        '--name',
        n.name,
        '--port',
        String(n.port),
        '--roles',
        n.roles.join(','),
        '--data-dir',
        dir,
        '--genesis',
        files.genesisFile,
        '--admin-token-file',
        files.tokenFile,
        '--ledger',
        'election',
        '--log-level',
        process.env.PNYX_DEMO_LOG ?? 'warn',
        // Every simulated voter calls from 127.0.0.1: lift the per-address limit.
        '--rate-limit',
        '1000000',
        ...(n.roles.includes('registrar') ? ['--password-cost', 'interactive'] : []),
      ]);
      child.once('exit', (code, signal) => {
        if (!stopping)
          died ??= `node ${n.name} exited (${signal ?? code}); see ${join(dir, `${n.name}.log`)}`;
      });
    }
    for (const n of layout.all) await waitHealthy(n.url, alive);
    // Introduce the nodes to each other only once all listen (a peer that refuses is penalised).
    await introduce(layout.all.map((n) => n.url));
    phase('start nodes');

    // 2. The voter roll, through the registrar's admin routes.
    const reg = adminRegistrar(layout.registrar.url, files.adminToken);
    const session = await adminSession(reg);
    const rollBar = progressBar('importing voters', o.voters, o.quiet);
    const roll = await importRoll(reg, session, o.voters, rollBar);
    rollBar.stop();
    phase('import voter roll');

    // 3. The election: opens once the ceremony can be done; the demo closes it early.
    const opensAt = Date.now() + ceremonyMs(o.scheme);
    const input = demoElection(layout, files.keys, {
      scheme: o.scheme,
      eligibility: o.eligibility,
      opensAt,
      closesAt: opensAt + 30 * 60_000,
    });
    const admin = electionClient(layout.registrar.url, files.adminToken);
    const created = await admin.electionCreate({ body: input });
    say(`election ${created.id} created, opens at ${new Date(opensAt).toISOString()}`);

    // 4. Registration, while the trustees run the key ceremony.
    const voters = simVoters(roll);
    const regBar = progressBar('registering voters', o.voters, o.quiet);
    await registerAll(voters, layout.registrar.url, created.id, o.eligibility, regBar);
    regBar.stop();
    phase('register voters');
    await waitStatus(
      layout.miner.url,
      'the key ceremony, the opening and every registration on the final ledger',
      (s) => s.final.phase === 'open' && s.final.eligible >= o.voters,
      alive,
      120_000,
    );
    phase('key ceremony, opening');

    // 5. Voting: one checked copy of the ledger gives the election key; each voter casts to its boxes.
    const reader = await ElectionReader.open(layout.miner.url, { env: await clientEnv() });
    const ctx = castContextOf(await reader.read(), Date.now());
    reader.close();
    const voteBar = progressBar('casting ballots', o.voters, o.quiet);
    const receipts = await voteAll(
      ctx,
      voters,
      layout.boxes.map((b) => b.name),
      voteBar,
    );
    voteBar.stop();
    phase('cast ballots');
    await waitStatus(
      layout.miner.url,
      'every ballot on the final ledger',
      (s) => s.final.ballots >= receipts,
      alive,
      120_000,
    );
    phase('ballots on the ledger');

    // 6. Close early, then the trustees decrypt and a node posts the result by itself.
    await admin.electionClose({ body: {} });
    const done = await waitStatus(
      layout.miner.url,
      'the decryption and the result on the final ledger',
      (s) => s.final.result_tx !== undefined,
      alive,
      120_000,
    );
    phase('close, tally, decrypt');

    // 7. The ledger export, verified from scratch.
    const exportFile = join(dir, 'ledger.jsonl');
    await downloadExport(layout.miner.url, exportFile);
    const report = await verifyLedger(exportFile);
    phase('verify ledger export');

    const results = countsOf(done.final.results ?? report.results ?? {});
    const intended = intendedCounts(voters);
    const matches = sameCounts(results, intended);
    const summary: DemoSummary = {
      ok: matches && report.ok,
      scheme: o.scheme,
      eligibility: o.eligibility,
      voters: o.voters,
      election: created.id,
      fingerprint: created.fingerprint,
      results,
      intended,
      matches,
      receipts,
      counted: done.final.counted,
      result_tx: done.final.result_tx ?? '',
      verified: report.ok,
      checks: report.checks.map((c) => ({ name: c.name, ok: c.ok, summary: c.summary })),
      ledger_export: exportFile,
      timings,
      total_s: (performance.now() - t0) / 1000,
      nodes: layout.all.map((n) => ({ name: n.name, roles: n.roles, url: n.url })),
    };
    closeClients();
    if (!o.keep) {
      stopping = true;
      await stopAll();
    }
    return {
      summary,
      layout,
      stop: async () => {
        stopping = true;
        await stopAll();
      },
    };
  } catch (e) {
    stopping = true;
    closeClients();
    await stopAll();
    if (e instanceof DemoError) throw e;
    throw new DemoError(`${(e as Error).message}${died ? ` (${died})` : ''}`);
  }
}
