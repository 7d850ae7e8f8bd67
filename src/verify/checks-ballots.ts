/**
 * The ballot checks: every attestation obeys the ballot rule (eligible key, assigned box, receipt, voting
 * window, one version per ballot id per box, `once`), the ballot set follows the dedup and majority
 * rules, and every ballot's signature and proofs check.
 */
import { hexGet } from '../ledger/election/hex-map.js';
import { selectionOf } from '../ledger/election/selection.js';
import { verdictCounts } from '../ledger/election/view.js';
import type { ElectionFacts } from './facts.js';
import { refusedProblem } from './names.js';
import type { CheckResult, Problem } from './types.js';

const VERDICT_WORDS: Readonly<Record<string, string>> = {
  'same-version': 'repeats of a counted version',
  superseded: 'superseded (revote)',
  outvoted: 'minority versions rejected',
  'double-vote': 'second ballots under once',
  'repeat-box': 'repeats by one box',
  spoiled: 'audited (spoiled)',
  rejected: 'rejected',
  'unknown-box': 'by unknown boxes',
};

/** Check 5: attestations, dedup per key by the revote policy, majority per ballot id. */
export function ballotsCheck(f: ElectionFacts): CheckResult {
  const name = 'ballots: attestations, dedup and majority rules';
  const problems: Problem[] = f.refused('ballots').map((r) => refusedProblem(f.def, r));
  const v = f.view;
  const s = f.state;
  if (!v || !s?.setup) return { name, ok: problems.length === 0, summary: 'no election', problems };
  const counts = verdictCounts(v.ballots);
  const boxes = new Set(v.ballots.map((b) => b.box)).size;
  const parts = [`${v.ballots.length} attestations by ${boxes} box(es)`, `${counts.counted ?? 0} counted`];
  for (const [verdict, words] of Object.entries(VERDICT_WORDS))
    if (counts[verdict as keyof typeof counts])
      parts.push(`${counts[verdict as keyof typeof counts]} ${words}`);
  parts.push(`${v.audits.length} audit(s)`);
  // The ballot set fixed at the close is the selection rule over every record (recomputed here).
  if (s.closing) {
    const again = selectionOf(s, s.setup).selection.counted;
    const fixed = s.closing.selection.counted;
    const differs = again.length !== fixed.length || again.some((c, i) => c.tracker !== fixed[i]!.tracker);
    if (differs)
      problems.push({
        object: `close tx ${s.closing.txId}`,
        code: 'MISMATCH',
        message: `the ballot set fixed at the close (${fixed.length}) is not the selection over the ledger (${again.length})`,
      });
    for (const c of fixed)
      if (!hexGet(s.versions, c.tracker))
        problems.push({
          object: `tracker ${c.tracker}`,
          code: 'MISSING',
          message: 'a counted ballot has no checked cast',
        });
  }
  return { name, ok: problems.length === 0, summary: parts.join(', '), problems };
}

/** Check 6: every ballot transaction's cast — voter signature, ciphertexts, every proof — checks. */
export function proofsCheck(f: ElectionFacts): CheckResult {
  const name = "every counted ballot's signature and proofs";
  const refused = f.refused('proofs');
  const problems = refused.map((r) => refusedProblem(f.def, r));
  const ballots = (f.fold.applied.ballot ?? 0) + refused.length;
  const counted = f.view?.counted.length ?? 0;
  const where =
    f.fold.workers > 0
      ? `${f.fold.checkedInWorkers} checked on ${f.fold.workers} worker thread(s)`
      : 'checked on the main thread';
  const pool = f.fold.poolProblem ? ` (worker pool stopped: ${f.fold.poolProblem})` : '';
  const summary = `${ballots} ballot transaction(s), ${counted} counted ballot(s): voter signature, ciphertexts, 0/1 and selection-limit proofs — ${where}${pool}`;
  return { name, ok: problems.length === 0, summary, problems };
}
