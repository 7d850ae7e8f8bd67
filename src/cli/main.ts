/** The `pnyx` command line. */
import { Command } from 'commander';
import { StoreOpenError } from '../store/open.js';
import { addBenchCommand } from './bench.js';
import { addDemoCommand } from './demo.js';
import { addElectionCommand, addResultsCommand } from './election.js';
import { addGenesisCommand } from './genesis.js';
import { addLedgerCommand } from './ledger.js';
import { addNodeCommand } from './node.js';
import { addTorConfigCommand } from './tor-config.js';
import { addTrusteeCommand } from './trustee.js';
import { addVerifyCommand } from './verify.js';
import { addVoterCommand } from './voter.js';

/** Builds the command tree. */
export function buildProgram(): Command {
  const program = new Command('pnyx').description('pnyx: verifiable internet voting').version('0.1.0');
  addDemoCommand(program);
  addNodeCommand(program);
  addElectionCommand(program);
  addResultsCommand(program);
  addVoterCommand(program);
  addVerifyCommand(program);
  addGenesisCommand(program);
  addLedgerCommand(program);
  addTrusteeCommand(program);
  addTorConfigCommand(program);
  addBenchCommand(program);
  return program;
}

/** Entry point used by bin/pnyx.js. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    // A database that cannot be opened is an operator problem: one line with its stable code, no stack;
    // exit code 3 when it cannot be reached (as for an unreachable node), 1 otherwise.
    if (!(e instanceof StoreOpenError)) throw e;
    process.stderr.write(`error: ${e.code}: ${e.message}\n`);
    process.exitCode = e.code === 'STORE_UNAVAILABLE' ? 3 : 1;
  }
}
