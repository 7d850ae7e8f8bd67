/** The report as text lines (one per check, its problems indented below) or as one JSON object. */
import { canonicalJson, type JsonObject } from '../crypto/encoding/canonical-json.js';
import type { VerifyReport } from './types.js';

/** Human-readable lines. */
export function reportLines(r: VerifyReport): string[] {
  const out = [`verifying ${r.source}`];
  for (const c of r.checks) {
    out.push(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.summary}`);
    for (const p of c.problems) out.push(`     ✗ ${p.object}: ${p.code}: ${p.message}`);
  }
  const failed = r.checks.filter((c) => !c.ok).length;
  out.push(
    failed === 0
      ? `verified: all ${r.checks.length} checks passed (${r.ballots} ballot transactions, ${r.seconds.toFixed(1)} s)`
      : `NOT VERIFIED: ${failed} of ${r.checks.length} checks failed`,
  );
  return out;
}

/** The machine summary (canonical JSON; counts as integers). */
export function reportJson(r: VerifyReport): string {
  const o: JsonObject = {
    ok: r.ok,
    source: r.source,
    ballots: r.ballots,
    workers: r.workers,
    milliseconds: Math.round(r.seconds * 1000),
    checks: r.checks.map((c) => ({
      name: c.name,
      ok: c.ok,
      summary: c.summary,
      problems: c.problems.map((p) => ({ object: p.object, code: p.code, message: p.message })),
    })),
    ...(r.results ? { results: r.results } : {}),
  };
  return canonicalJson(o);
}
