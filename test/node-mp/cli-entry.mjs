// The pnyx command line for the multi-process tests: bin/pnyx.js's program, plus the node, genesis and
// ledger commands from dist/ when the program does not wire them yet.
import { buildProgram } from '../../dist/cli/main.js';

const program = buildProgram();
const has = (name) => program.commands.some((c) => c.name() === name);
if (!has('node')) (await import('../../dist/cli/node.js')).addNodeCommand(program);
if (!has('genesis')) (await import('../../dist/cli/genesis.js')).addGenesisCommand(program);
if (!has('ledger')) {
  const ledger = await import('../../dist/cli/ledger.js').catch(() => undefined);
  if (ledger?.addLedgerCommand) ledger.addLedgerCommand(program);
}
await program.parseAsync(process.argv);
