/**
 * The results report's verifier driver (web/src/pages/results/verify-run.ts), run here on the browser's
 * pure-JavaScript backends over real exports: it passes an honest election with the checks and results
 * of `verifyLedger`, and fails a block without a quorum of approvals in the chain check, naming it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/verify/types.js';
import { verifyLedger } from '../src/verify/verify.js';
import { verifyLines } from '../web/src/pages/results/verify-run.js';
import { type Election, exportLines, honestElection, writeExport } from './verify/fixture.js';

let e: Election;

beforeAll(async () => {
  e = await honestElection();
});

const quiet = { stage: () => undefined, check: () => undefined };

describe('the report page verifier', () => {
  it('passes an honest election with the same checks and results as verifyLedger', async () => {
    const lines = exportLines(e.genesis, e.blocks);
    const seen: CheckResult[] = [];
    let folded = 0;
    const r = await verifyLines(lines, 'test', {
      stage: (s, done) => {
        if (s === 'fold') folded = done;
      },
      check: (c) => seen.push(c),
    });
    const node = await verifyLedger(writeExport(lines), { workers: 0 });
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual(node.checks.map((c) => [c.name, c.ok]));
    expect(r.checks.map((c) => c.summary)).toEqual(node.checks.map((c) => c.summary));
    expect(seen.map((c) => c.name)).toEqual(r.checks.map((c) => c.name));
    expect(r.results).toEqual(node.results);
    expect(r.ballots).toBe(node.ballots);
    expect(folded).toBe(lines.length - 1);
  });

  it('fails a block with one approval where the quorum is two', async () => {
    const r = await verifyLines(exportLines(e.genesis, e.blocks, { underQuorumAt: 3 }), 'test', quiet);
    expect(r.ok).toBe(false);
    const bad = r.checks.filter((c) => !c.ok);
    expect(bad.map((c) => c.problems.map((p) => p.code))).toEqual([['NOT_FINAL']]);
    expect(bad[0]!.problems[0]!.object).toMatch(/^line 5, block 3 [0-9a-f]{64}$/);
  });

  it('reports an export that is not one instead of throwing', async () => {
    const r = await verifyLines(['not json'], 'test', quiet);
    expect(r.ok).toBe(false);
    expect(r.checks[0]!.ok).toBe(false);
  });
});
