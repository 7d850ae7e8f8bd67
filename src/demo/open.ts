/**
 * `pnyx demo --open`: the demo's network with voting left open for people. The phases up to "key
 * ceremony, opening" run as in the whole demo (optionally a few simulated voters vote), then the nodes
 * keep running and the demo answers where the web app's pages are, a few voter logins with their
 * generated passwords, the administrator's login and the admin token file.
 */
import { ceremonyMs, type DemoEligibility, type DemoScheme } from './election.js';
import type { DemoLayout } from './layout.js';
import { DEMO_ADMIN, type RollVoter } from './roll.js';
import { castAll, demoSay } from './run.js';
import { DemoPhases, startElection } from './start.js';
import type { Counts } from './summary.js';
import { intendedCounts } from './voters.js';

/** Options of {@link openDemo}. */
export interface OpenDemoOptions {
  /** Simulated voters who vote before the demo hands over (0 or more). */
  readonly voters: number;
  /** Voters on the roll left for people (their passwords are printed). */
  readonly guests: number;
  readonly scheme: DemoScheme;
  readonly eligibility: DemoEligibility;
  readonly dataDir: string;
  /** The first validator holds blocks until a person decides in the validator console. */
  readonly manualValidator: boolean;
  /** No progress bars. */
  readonly quiet: boolean;
  /** Phase lines go here (stderr by default). */
  readonly log?: (line: string) => void;
}

/** Where things are once voting is open (the `--open --json` output). */
export interface OpenDemoInfo {
  readonly ok: true;
  readonly election: string;
  readonly fingerprint: string;
  readonly scheme: string;
  readonly eligibility: string;
  /** Absolute URLs of the web app's pages. */
  readonly pages: {
    readonly booth: string;
    readonly check: string;
    readonly explorer: string;
    readonly results: string;
    readonly validator: string;
    readonly admin: string;
  };
  /** The validator in manual mode (its console approves blocks), if any. */
  readonly manual_validator?: { readonly name: string; readonly url: string };
  /** Voters nobody has simulated: log in at the booth with these. */
  readonly voters: readonly RollVoter[];
  /** The registrar administrator (admin page, "Sign in"). */
  readonly admin: { readonly login: string; readonly password: string };
  /** File holding the nodes' admin token (election create/close, validator decisions). */
  readonly admin_token_file: string;
  /** The simulated voters who already voted and their intended counts. */
  readonly simulated: { readonly voters: number; readonly receipts: number; readonly intended: Counts };
  readonly data_dir: string;
  readonly nodes: readonly {
    readonly name: string;
    readonly roles: readonly string[];
    readonly url: string;
  }[];
  readonly ready_s: number;
}

/** The open demo; `stop()` ends every node process. */
export interface OpenDemo {
  readonly info: OpenDemoInfo;
  readonly layout: DemoLayout;
  stop(): Promise<void>;
}

/** Voting stays open a day unless someone closes it. */
const OPEN_FOR_MS = 24 * 3600_000;
/** The key ceremony gets at least this long (people start the open demo on busy laptops). */
const OPEN_CEREMONY_MS = 45_000;

/** Starts the network, opens voting, lets the simulated voters vote, and hands over. */
export async function openDemo(o: OpenDemoOptions): Promise<OpenDemo> {
  // Phase lines go to stderr even with JSON output (stdout carries the one JSON line).
  const ph = new DemoPhases(demoSay({ quiet: false, ...(o.log ? { log: o.log } : {}) }));
  try {
    const started = await startElection(
      { ...o, openForMs: OPEN_FOR_MS, ceremonyMs: Math.max(OPEN_CEREMONY_MS, ceremonyMs(o.scheme)) },
      ph,
    );
    const receipts = o.voters > 0 ? await castAll(started, ph, o.quiet) : 0;
    const { layout, files } = started;
    const manual = o.manualValidator ? layout.validators[0] : undefined;
    const info: OpenDemoInfo = {
      ok: true,
      election: started.election.id,
      fingerprint: started.election.fingerprint,
      scheme: o.scheme,
      eligibility: o.eligibility,
      pages: {
        booth: `${layout.registrar.url}/booth`,
        check: `${layout.miner.url}/check`,
        explorer: `${layout.miner.url}/explorer`,
        results: `${layout.miner.url}/results`,
        validator: `${(manual ?? layout.validators[0]!).url}/validator`,
        admin: `${layout.registrar.url}/admin`,
      },
      ...(manual ? { manual_validator: { name: manual.name, url: manual.url } } : {}),
      voters: started.guests,
      admin: { ...DEMO_ADMIN },
      admin_token_file: files.tokenFile,
      simulated: { voters: o.voters, receipts, intended: intendedCounts(started.voters) },
      data_dir: started.dir,
      nodes: layout.all.map((n) => ({ name: n.name, roles: n.roles, url: n.url })),
      ready_s: (performance.now() - ph.t0) / 1000,
    };
    return { info, layout, stop: () => ph.stop() };
  } catch (e) {
    return ph.fail(e);
  }
}

/** The open demo's hand-over as text. */
export function openText(info: OpenDemoInfo): string {
  const p = info.pages;
  const lines = [
    `Voting is open: election ${info.election} (${info.scheme}, ${info.eligibility}).`,
    '',
    'Pages:',
    `  booth      ${p.booth}`,
    `  check      ${p.check}`,
    `  explorer   ${p.explorer}`,
    `  results    ${p.results}`,
    `  validator  ${p.validator}${info.manual_validator ? ` (${info.manual_validator.name}, manual mode)` : ''}`,
    `  admin      ${p.admin}`,
    '',
    'Voters (login  password):',
    ...info.voters.map((v) => `  ${v.login}  ${v.password}`),
    '',
    `Administrator: ${info.admin.login} / ${info.admin.password}`,
    `Admin token file: ${info.admin_token_file}`,
    ...(info.simulated.voters > 0 ? [`Simulated voters who already voted: ${info.simulated.voters}`] : []),
    '',
    'The nodes keep running (Ctrl-C stops them):',
    ...info.nodes.map((n) => `  ${n.name.padEnd(12)} ${n.roles.join(',').padEnd(11)} ${n.url}`),
  ];
  return `${lines.join('\n')}\n`;
}
