/** Runs the benchmark suites and prints a table or JSON lines. */
import { modpFigures, paillierFigures, ristrettoFigures } from './crypto.js';
import { demoFigures } from './demo.js';
import { boxFigures } from './election-box.js';
import { jsonFigures } from './json.js';
import { ledgerPgFigures, ledgerSyncFigures, ledgerTxFigures } from './ledger.js';
import { type Figure, formatFigure } from './measure.js';
import { verifyFigures } from './verify.js';

/** One suite: a name for `--only` and a function producing figures. */
interface Suite {
  readonly name: string;
  readonly run: () => Promise<Figure[]> | Figure[];
}

const SUITES: readonly Suite[] = [
  { name: 'ristretto255', run: async () => (await ristrettoFigures()).figures },
  { name: 'modp2048', run: modpFigures },
  { name: 'paillier3072', run: paillierFigures },
  { name: 'json', run: jsonFigures },
  { name: 'ledger.tx', run: () => ledgerTxFigures() },
  { name: 'ledger.sync', run: () => ledgerSyncFigures() },
  { name: 'ledger.pg', run: () => ledgerPgFigures() },
  { name: 'election.box', run: boxFigures },
  { name: 'election.verify', run: () => verifyFigures() },
  { name: 'election.demo', run: demoFigures },
  { name: 'web', run: async () => (await import('./web.js')).webFigures() },
];

/** Options of {@link runBench}. */
export interface BenchOptions {
  readonly json: boolean;
  /** Run only suites whose name starts with one of these prefixes. */
  readonly only?: readonly string[];
  readonly write?: (line: string) => void;
}

/** Runs the selected suites, printing each figure as soon as it is measured; returns all figures. */
export async function runBench(opts: BenchOptions): Promise<Figure[]> {
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const selected = SUITES.filter((s) => !opts.only?.length || opts.only.some((p) => s.name.startsWith(p)));
  if (!opts.json)
    write(`${'figure'.padEnd(36)} ${'value'.padStart(12)} ${'unit'.padEnd(8)} ${'target'.padEnd(10)}`);
  const all: Figure[] = [];
  for (const suite of selected) {
    for (const f of await suite.run()) {
      all.push(f);
      write(opts.json ? JSON.stringify({ name: f.name, value: f.value, unit: f.unit }) : formatFigure(f));
    }
  }
  return all;
}
