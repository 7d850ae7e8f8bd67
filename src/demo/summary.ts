/** The demo's outcome: results, intended votes, checks and timings, as text or as one JSON object. */
import { DEMO_QUESTIONS } from './election.js';

/** Counts by question id and option id. */
export type Counts = Record<string, Record<string, number>>;

/** One timed phase. */
export interface PhaseTime {
  readonly phase: string;
  readonly seconds: number;
}

/** The final summary (the `--json` output). */
export interface DemoSummary {
  readonly ok: boolean;
  readonly scheme: string;
  readonly eligibility: string;
  readonly voters: number;
  readonly election: string;
  readonly fingerprint: string;
  readonly results: Counts;
  readonly intended: Counts;
  /** True when every count equals the intended one. */
  readonly matches: boolean;
  readonly receipts: number;
  readonly counted: number;
  readonly result_tx: string;
  readonly verified: boolean;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly summary: string }[];
  readonly ledger_export: string;
  readonly timings: readonly PhaseTime[];
  readonly total_s: number;
  readonly nodes: readonly {
    readonly name: string;
    readonly roles: readonly string[];
    readonly url: string;
  }[];
}

/** Reads the results JSON of the status route into counts. */
export function countsOf(results: unknown): Counts {
  const out: Counts = {};
  const qs =
    (results as { questions?: { id: string; counts: [string, number | bigint][] }[] }).questions ?? [];
  for (const q of qs) out[q.id] = Object.fromEntries(q.counts.map(([o, n]) => [o, Number(n)]));
  return out;
}

/** True when both have the same count for every option of the demo ballot. */
export function sameCounts(a: Counts, b: Counts): boolean {
  return DEMO_QUESTIONS.every((q) => q.options.every((o) => (a[q.id]?.[o] ?? -1) === (b[q.id]?.[o] ?? -2)));
}

/** The results table, the checks and the timings as text. */
export function summaryText(s: DemoSummary): string {
  const lines: string[] = [];
  lines.push(
    '',
    `Results of ${s.election} (${s.scheme}, ${s.eligibility}, ${s.counted} ballots counted)`,
    '',
  );
  lines.push(
    `  ${'question'.padEnd(10)} ${'option'.padEnd(10)} ${'counted'.padStart(8)} ${'intended'.padStart(9)}`,
  );
  for (const q of DEMO_QUESTIONS)
    for (const o of q.options) {
      const got = s.results[q.id]?.[o] ?? 0;
      const want = s.intended[q.id]?.[o] ?? 0;
      lines.push(
        `  ${q.id.padEnd(10)} ${o.padEnd(10)} ${String(got).padStart(8)} ${String(want).padStart(9)}${got === want ? '' : '  ≠'}`,
      );
    }
  lines.push(
    '',
    s.matches
      ? 'The counts equal the votes the simulated voters cast.'
      : 'THE COUNTS DIFFER FROM THE VOTES CAST.',
  );
  lines.push('', `Verification of the ledger export ${s.ledger_export}:`);
  for (const c of s.checks) lines.push(`  ${c.ok ? 'ok    ' : 'FAILED'} ${c.name}: ${c.summary}`);
  lines.push('', 'Timings:');
  for (const t of s.timings) lines.push(`  ${t.phase.padEnd(28)} ${t.seconds.toFixed(1).padStart(6)} s`);
  lines.push(`  ${'total'.padEnd(28)} ${s.total_s.toFixed(1).padStart(6)} s`, '');
  lines.push(s.ok ? 'Demo passed.' : 'Demo FAILED.');
  return `${lines.join('\n')}\n`;
}
