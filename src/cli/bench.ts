/** `pnyx bench`: measures pnyx on this machine. */
import type { Command } from 'commander';
import { runBench } from '../bench/run.js';

/** Adds the `bench` command. */
export function addBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('measure the cryptographic core and the system on this machine')
    .option('--json', 'print one {"name","value","unit"} JSON object per line')
    .option('--only <prefixes>', 'comma-separated suite prefixes to run (e.g. ristretto255,paillier)')
    .action(async (opts: { json?: boolean; only?: string }) => {
      const only = opts.only?.split(',').filter((s) => s !== '');
      await runBench({ json: opts.json === true, ...(only ? { only } : {}) });
    });
}
