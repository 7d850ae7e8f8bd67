/**
 * `election.verify_tally_100k_s`: seconds for `pnyx verify` to re-check and tally an election of 100,000
 * 1-of-5 ballots from its ledger export, using every core (ballot proofs on worker threads). The export is
 * built once and cached (`verify-ledger.ts`). `PNYX_BENCH_VERIFY_BALLOTS` (or `ballots`) runs a smaller
 * election for a quick look; the figure's name then says its size.
 */
import { verifyLedger } from '../verify/verify.js';
import type { Figure } from './measure.js';
import { benchLedgerExport } from './verify-ledger.js';

/** Ballots of the benchmark election. */
export const VERIFY_BENCH_BALLOTS = 100_000;

/** Options of {@link verifyFigures}. */
export interface VerifyBenchOptions {
  readonly ballots?: number;
  readonly workers?: number;
  readonly log?: (line: string) => void;
}

function ballotsFromEnv(): number | undefined {
  const v = process.env.PNYX_BENCH_VERIFY_BALLOTS;
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Builds (or reuses) the export, then times the full verification. Throws if the honest export fails. */
export async function verifyFigures(o: VerifyBenchOptions = {}): Promise<Figure[]> {
  const n = o.ballots ?? ballotsFromEnv() ?? VERIFY_BENCH_BALLOTS;
  const file = await benchLedgerExport(n, o.log);
  const r = await verifyLedger(file, o.workers === undefined ? {} : { workers: o.workers });
  if (!r.ok) {
    const bad = r.checks.find((c) => !c.ok)!;
    throw new Error(
      `the benchmark election did not verify: ${bad.name}: ${bad.problems[0]?.message ?? bad.summary}`,
    );
  }
  const full = n === VERIFY_BENCH_BALLOTS;
  return [
    {
      name: full ? 'election.verify_tally_100k_s' : `election.verify_tally_${n}_s`,
      value: r.seconds,
      unit: 's',
      ...(full ? { target: { op: '<=' as const, value: 150 } } : {}),
    },
  ];
}
