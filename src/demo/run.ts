/**
 * `pnyx demo`: a whole election on this machine. Phases: start the node processes; import the voter
 * roll; create the election (the trustees run the key ceremony meanwhile); register the voters; cast
 * their ballots to the ballot boxes; close voting, let the trustees decrypt and a node post the result;
 * download the ledger export and verify it from scratch; compare the counts with the intended votes.
 */
import { join } from 'node:path';
import { castContextOf, ElectionReader } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import { downloadExport } from '../verify/lines.js';
import { verifyLedger } from '../verify/verify.js';
import { closeClients, electionClient } from './clients.js';
import type { DemoEligibility, DemoScheme } from './election.js';
import type { DemoLayout } from './layout.js';
import { progressBar } from './progress.js';
import { DemoPhases, startElection } from './start.js';
import { countsOf, type DemoSummary, sameCounts } from './summary.js';
import { intendedCounts, voteAll } from './voters.js';
import { waitStatus } from './wait.js';

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

/** Phase lines of a demo: nothing when quiet, else `log` or stderr. */
export function demoSay(o: { quiet: boolean; log?: (line: string) => void }): (line: string) => void {
  return o.quiet ? () => undefined : (o.log ?? ((l: string) => process.stderr.write(`${l}\n`)));
}

/** Casts every simulated voter's ballot and waits until all are on the final ledger; answers the receipts. */
export async function castAll(
  started: Awaited<ReturnType<typeof startElection>>,
  ph: DemoPhases,
  quiet: boolean,
): Promise<number> {
  const { layout, voters } = started;
  // One checked copy of the ledger gives the election key; each voter casts to its boxes.
  const reader = await ElectionReader.open(layout.miner.url, { env: await clientEnv() });
  const ctx = castContextOf(await reader.read(), Date.now());
  reader.close();
  const voteBar = progressBar('casting ballots', voters.length, quiet);
  const receipts = await voteAll(
    ctx,
    voters,
    layout.boxes.map((b) => b.name),
    voteBar,
  );
  voteBar.stop();
  ph.phase('cast ballots');
  await waitStatus(
    layout.miner.url,
    'every ballot on the final ledger',
    (s) => s.final.ballots >= receipts,
    ph.alive,
    120_000,
  );
  ph.phase('ballots on the ledger');
  return receipts;
}

/** Runs the demo; throws {@link DemoError} (after stopping the nodes) when a phase fails. */
export async function runDemo(o: DemoOptions): Promise<DemoRun> {
  const ph = new DemoPhases(demoSay(o));
  try {
    // 1.–4. Nodes, roll, election, registration, key ceremony.
    const started = await startElection(o, ph);
    const { layout, files, dir, voters } = started;
    const created = started.election;

    // 5. Voting.
    const receipts = await castAll(started, ph, o.quiet);

    // 6. Close early, then the trustees decrypt and a node posts the result by itself.
    const admin = electionClient(layout.registrar.url, files.adminToken);
    await admin.electionClose({ body: {} });
    const done = await waitStatus(
      layout.miner.url,
      'the decryption and the result on the final ledger',
      (s) => s.final.result_tx !== undefined,
      ph.alive,
      120_000,
    );
    ph.phase('close, tally, decrypt');

    // 7. The ledger export, verified from scratch.
    const exportFile = join(dir, 'ledger.jsonl');
    await downloadExport(layout.miner.url, exportFile);
    const report = await verifyLedger(exportFile);
    ph.phase('verify ledger export');
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
      timings: ph.timings,
      total_s: (performance.now() - ph.t0) / 1000,
      nodes: layout.all.map((n) => ({ name: n.name, roles: n.roles, url: n.url })),
    };
    closeClients();
    if (!o.keep) await ph.stop();
    return { summary, layout, stop: () => ph.stop() };
  } catch (e) {
    return ph.fail(e);
  }
}
