/**
 * `pnyx demo`: runs a whole election on this machine as separate node processes (see docs/demo.md) and
 * prints the results table, whether it equals the votes the simulated voters cast, the verifier's checks
 * and the time of each phase; `--json` prints one summary object instead. `--open` stops once voting is
 * open and leaves the nodes running for people (the booth, explorer, validator console and admin pages),
 * printing their URLs and a few voter logins. Ctrl-C stops every node.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { DEMO_ELIGIBILITY, DEMO_SCHEMES, type DemoEligibility, type DemoScheme } from '../demo/election.js';
import { openDemo, openText } from '../demo/open.js';
import { stopAll } from '../demo/processes.js';
import { runDemo } from '../demo/run.js';
import { summaryText } from '../demo/summary.js';

/** Options as commander hands them over. */
interface DemoCliOptions {
  readonly voters: number;
  readonly scheme: DemoScheme;
  readonly eligibility: DemoEligibility;
  readonly keep?: boolean;
  readonly json?: boolean;
  readonly open?: boolean;
  readonly manualValidator?: boolean;
  readonly guests: number;
  readonly dataDir: string;
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (text: string): T => {
    if (!(values as readonly string[]).includes(text))
      throw new InvalidArgumentError(`${name} is one of ${values.join(', ')}.`);
    return text as T;
  };
}

function votersArg(text: string): number {
  if (!/^[0-9]{1,6}$/.test(text) || Number(text) > 100_000)
    throw new InvalidArgumentError('--voters is a whole number from 1 to 100000 (0 with --open).');
  return Number(text);
}

function guestsArg(text: string): number {
  if (!/^[0-9]{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 100)
    throw new InvalidArgumentError('--guests is a whole number from 1 to 100.');
  return Number(text);
}

/** `pnyx demo --open`: hands over once voting is open, then runs until Ctrl-C. */
async function runOpen(o: DemoCliOptions): Promise<void> {
  let run: Awaited<ReturnType<typeof openDemo>>;
  try {
    run = await openDemo({
      voters: o.voters,
      guests: o.guests,
      scheme: o.scheme,
      eligibility: o.eligibility,
      dataDir: o.dataDir,
      manualValidator: o.manualValidator === true,
      quiet: o.json === true,
    });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(o.json ? `${JSON.stringify(run.info)}\n` : openText(run.info));
  await new Promise<never>(() => undefined);
}

/** Stops the nodes and exits on Ctrl-C or SIGTERM. */
function stopOnSignal(): void {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping the demo nodes …\n`);
    void stopAll(3000).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Adds the `demo` command. */
export function addDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a whole election on this machine: nodes, voters, tally, verification')
    .option('--voters <n>', 'number of simulated voters', votersArg, 200)
    .option(
      '--scheme <scheme>',
      `ballot encryption: ${DEMO_SCHEMES.join(', ')}`,
      oneOf('--scheme', DEMO_SCHEMES),
      'elgamal-ristretto255',
    )
    .option(
      '--eligibility <mode>',
      `eligibility mode: ${DEMO_ELIGIBILITY.join(', ')}`,
      oneOf('--eligibility', DEMO_ELIGIBILITY),
      'identity-keys',
    )
    .option('--keep', 'leave the nodes running at the end and print their URLs (Ctrl-C stops them)')
    .option(
      '--open',
      'stop once voting is open and leave it open: print the pages, voter logins and admin token file (Ctrl-C stops)',
    )
    .option('--guests <n>', 'with --open: voters on the roll left for people to log in with', guestsArg, 5)
    .option('--manual-validator', 'validator-1 holds blocks for a person (its validator console decides)')
    .option('--json', 'print one JSON summary (results, intended votes, ledger export path) and nothing else')
    .option('--data-dir <dir>', 'folder of the demo data (the demo uses and empties DATA_DIR/demo)', './data')
    .action(async (o: DemoCliOptions) => {
      if (o.voters === 0 && !o.open) {
        process.stderr.write('error: --voters is a whole number from 1 to 100000 (0 with --open).\n');
        process.exitCode = 1;
        return;
      }
      stopOnSignal();
      if (o.open) return runOpen(o);
      let run: Awaited<ReturnType<typeof runDemo>>;
      try {
        run = await runDemo({
          voters: o.voters,
          scheme: o.scheme,
          eligibility: o.eligibility,
          dataDir: o.dataDir,
          keep: o.keep === true,
          quiet: o.json === true,
        });
      } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const s = run.summary;
      if (o.json) process.stdout.write(`${JSON.stringify(s)}\n`);
      else process.stdout.write(summaryText(s));
      if (!s.ok) process.exitCode = 1;
      if (o.keep) {
        const lines = run.layout.all.map(
          (n) => `  ${n.name.padEnd(12)} ${n.roles.join(',').padEnd(11)} ${n.url}`,
        );
        process.stderr.write(`\nThe nodes keep running (Ctrl-C stops them):\n${lines.join('\n')}\n`);
        await new Promise<never>(() => undefined);
      }
    });
}
