/**
 * `pnyx election create|status|close|results` and `pnyx results`: the organiser's commands.
 *
 * - `create --spec FILE --out GENESIS` checks the spec with the protocol's strict reader and writes the
 *   genesis block the election's nodes start with (`pnyx node --genesis GENESIS`);
 * - `status`, `results` read the election from a node's ledger, every block checked here;
 * - `close` asks the registrar's node to post the early close (node admin token).
 *
 * Exit codes: `EXIT` of `client-io.ts`.
 */
import type { Command } from 'commander';
import { type ExitCode, stdio, usageExits } from './client-io.js';
import { runElectionClose } from './election-close.js';
import { runElectionCreate } from './election-create.js';
import type { ElectionCliDeps } from './election-read.js';
import { runResults } from './election-results.js';
import { runElectionStatus } from './election-status.js';

export * from './election-close.js';
export * from './election-create.js';
export * from './election-read.js';
export * from './election-results.js';
export * from './election-status.js';

/** Adds `pnyx election create|status|close|results`. */
export function addElectionCommand(program: Command, d: Partial<ElectionCliDeps> = {}): void {
  const full: ElectionCliDeps = { io: d.io ?? stdio, ...d };
  const run = async (p: Promise<ExitCode>) => {
    process.exitCode = await p;
  };
  const e = program
    .command('election')
    .description('create an election’s genesis, follow it, close it, read its results');
  usageExits(e.command('create'))
    .description('check an election spec and write the genesis block its nodes start with')
    .option('--spec <file>', 'the election spec (JSON: the definition, defaults allowed)')
    .option('--out <file>', 'where to write the genesis block')
    .action((o: { spec?: string; out?: string }) => run(runElectionCreate(o, full)));
  usageExits(e.command('status'))
    .description('phase, key ceremony, turnout and tally state, from a node’s ledger')
    .option('--node <url>', 'a ledger node (http://HOST:PORT)')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .option('--json', 'print one JSON object')
    .action((o: { node?: string; json?: boolean; proxy?: string }) => run(runElectionStatus(o, full)));
  usageExits(e.command('close'))
    .description('close voting early (the registrar posts the ledger’s close)')
    .option('--node <url>', 'the registrar’s node (http://HOST:PORT)')
    .option('--election <id>', 'election id (default: the one in the node’s genesis)')
    .option('--admin-token-file <file>', 'file holding the node admin token')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .action((o: { node?: string; election?: string; adminTokenFile?: string; proxy?: string }) =>
      run(runElectionClose(o, full)),
    );
  addResults(usageExits(e.command('results')), full, run);
}

function addResults(c: Command, d: ElectionCliDeps, run: (p: Promise<ExitCode>) => Promise<void>): void {
  c.description('the decrypted results, from a node’s ledger')
    .option('--node <url>', 'a ledger node (http://HOST:PORT)')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .option('--json', 'print one JSON object')
    .action((o: { node?: string; json?: boolean; proxy?: string }) => run(runResults(o, d)));
}

/** Adds `pnyx results` (the same as `pnyx election results`). */
export function addResultsCommand(program: Command, d: Partial<ElectionCliDeps> = {}): void {
  const full: ElectionCliDeps = { io: d.io ?? stdio, ...d };
  addResults(usageExits(program.command('results')), full, async (p) => {
    process.exitCode = await p;
  });
}
