/**
 * The demo's first phases, shared by the whole run (`pnyx demo`) and the open demo (`pnyx demo --open`):
 * start the node processes, import the voter roll, create the election, register the simulated voters
 * while the trustees run the key ceremony, and wait until voting is open.
 */
import { join, resolve } from 'node:path';
import { adminRegistrar, closeClients, electionClient } from './clients.js';
import { ceremonyMs, type DemoEligibility, type DemoScheme, demoElection } from './election.js';
import { type DemoLayout, demoLayout } from './layout.js';
import { spawnNode, stopAll } from './processes.js';
import { progressBar } from './progress.js';
import { adminSession, importRoll, type RollVoter } from './roll.js';
import { type DemoFiles, prepareFiles } from './setup.js';
import type { PhaseTime } from './summary.js';
import { registerAll, type SimVoter, simVoters } from './voters.js';
import { DemoError, introduce, waitHealthy, waitStatus } from './wait.js';

/** What the first phases need. */
export interface StartOptions {
  /** Simulated voters (they register now; the caller makes them vote). */
  readonly voters: number;
  readonly scheme: DemoScheme;
  readonly eligibility: DemoEligibility;
  /** Parent folder; the demo works in `DATA_DIR/demo`, emptied first. */
  readonly dataDir: string;
  /** No progress bars. */
  readonly quiet: boolean;
  /** Further voters on the roll that nobody simulates (for people to log in with). */
  readonly guests?: number;
  /** The first validator holds blocks for a person (`--validator-mode manual`). */
  readonly manualValidator?: boolean;
  /** Voting stays open this long after it opens (default 30 minutes). */
  readonly openForMs?: number;
  /** Time from creation to opening, for the key ceremony (default: the scheme's, see `ceremonyMs`). */
  readonly ceremonyMs?: number;
}

/** Phase timing, phase lines, and the watch on the node processes. */
export class DemoPhases {
  readonly t0 = performance.now();
  readonly timings: PhaseTime[] = [];
  private mark = performance.now();
  /** Set when the demo itself stops the nodes (an exit is then expected). */
  stopping = false;
  /** Why a node died, if one did. */
  died: string | undefined;

  constructor(private readonly say: (line: string) => void) {}

  /** Records the end of phase `name` and prints its line. */
  phase(name: string): void {
    const now = performance.now();
    this.timings.push({ phase: name, seconds: (now - this.mark) / 1000 });
    this.say(`✓ ${name} (${((now - this.mark) / 1000).toFixed(1)} s)`);
    this.mark = now;
  }

  /** Prints a line. */
  note(line: string): void {
    this.say(line);
  }

  /** Throws when a node died. */
  readonly alive = (): void => {
    if (this.died) throw new DemoError(this.died);
  };

  /** Stops every node. */
  async stop(): Promise<void> {
    this.stopping = true;
    closeClients();
    await stopAll();
  }

  /** Stops every node and throws `e` as a {@link DemoError}. */
  async fail(e: unknown): Promise<never> {
    await this.stop();
    if (e instanceof DemoError) throw e;
    throw new DemoError(`${(e as Error).message}${this.died ? ` (${this.died})` : ''}`);
  }
}

/** The network with an open election. */
export interface Started {
  readonly dir: string;
  readonly layout: DemoLayout;
  readonly files: DemoFiles;
  readonly election: { readonly id: string; readonly fingerprint: string };
  /** The simulated voters, registered. */
  readonly voters: SimVoter[];
  /** The unsimulated voters of the roll with their generated passwords. */
  readonly guests: readonly RollVoter[];
}

/** Runs the phases up to "key ceremony, opening"; the caller handles failures ({@link DemoPhases.fail}). */
export async function startElection(o: StartOptions, ph: DemoPhases): Promise<Started> {
  const dir = resolve(o.dataDir, 'demo');
  // 1. Keys, genesis, and the eleven node processes.
  const layout = await demoLayout();
  const files = prepareFiles(dir, layout);
  const manual = o.manualValidator ? layout.validators[0]?.name : undefined;
  ph.note(`starting ${layout.all.length} nodes in ${dir} …`);
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
      ...(n.name === manual ? ['--validator-mode', 'manual'] : []),
    ]);
    child.once('exit', (code, signal) => {
      if (!ph.stopping)
        ph.died ??= `node ${n.name} exited (${signal ?? code}); see ${join(dir, `${n.name}.log`)}`;
    });
  }
  // A loaded machine starts eleven Node processes slowly: allow them a minute and a half.
  for (const n of layout.all) await waitHealthy(n.url, ph.alive, 90_000);
  // Introduce the nodes to each other only once all listen (a peer that refuses is penalised).
  await introduce(layout.all.map((n) => n.url));
  ph.phase('start nodes');

  // 2. The voter roll, through the registrar's admin routes.
  const reg = adminRegistrar(layout.registrar.url, files.adminToken);
  const session = await adminSession(reg);
  const total = o.voters + (o.guests ?? 0);
  const rollBar = progressBar('importing voters', total, o.quiet);
  const roll = await importRoll(reg, session, total, rollBar);
  rollBar.stop();
  ph.phase('import voter roll');

  // 3. The election: opens once the ceremony can be done; the demo closes it early.
  const opensAt = Date.now() + (o.ceremonyMs ?? ceremonyMs(o.scheme));
  const input = demoElection(layout, files.keys, {
    scheme: o.scheme,
    eligibility: o.eligibility,
    opensAt,
    closesAt: opensAt + (o.openForMs ?? 30 * 60_000),
  });
  const admin = electionClient(layout.registrar.url, files.adminToken);
  const created = await admin.electionCreate({ body: input });
  ph.note(`election ${created.id} created, opens at ${new Date(opensAt).toISOString()}`);

  // 4. Registration, while the trustees run the key ceremony.
  const voters = simVoters(roll.slice(0, o.voters));
  const regBar = progressBar('registering voters', o.voters, o.quiet);
  await registerAll(voters, layout.registrar.url, created.id, o.eligibility, regBar);
  regBar.stop();
  ph.phase('register voters');
  await waitStatus(
    layout.miner.url,
    'the key ceremony, the opening and every registration on the final ledger',
    (s) => {
      if (s.final.phase === 'failed')
        throw new DemoError(
          `the key ceremony failed (a trustee's record came after its deadline; see ${join(dir, 'trustee-1.log')})`,
        );
      return s.final.phase === 'open' && s.final.eligible >= o.voters;
    },
    ph.alive,
    120_000,
  );
  ph.phase('key ceremony, opening');
  return {
    dir,
    layout,
    files,
    election: { id: created.id, fingerprint: created.fingerprint },
    voters,
    guests: roll.slice(o.voters),
  };
}
