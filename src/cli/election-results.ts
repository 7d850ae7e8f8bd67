/** `pnyx election results` and `pnyx results`: the decrypted counts. */
import { canonicalJson } from '../crypto/encoding/canonical-json.js';
import { resultsToJson } from '../protocol/results.js';
import { EXIT, type ExitCode, runCommand } from './client-io.js';
import { type ElectionCliDeps, readNode } from './election-read.js';

/** `pnyx election results` / `pnyx results`. */
export async function runResults(
  f: { node?: string; json?: boolean; proxy?: string },
  d: ElectionCliDeps,
): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const r = await readNode(f.node, f.proxy, d);
    const v = r.final.view;
    const def = v.definition;
    if (!v.results || !def) {
      const why = `no results yet: the election is ${v.phase}`;
      if (f.json) d.io.out(canonicalJson({ phase: v.phase, results: null }));
      else d.io.out(why);
      return EXIT.notYet;
    }
    if (f.json) {
      d.io.out(
        canonicalJson({
          election: def.id,
          fingerprint: v.fingerprint ?? '',
          phase: v.phase,
          ballots: v.counted.length,
          result_posted: v.result !== undefined,
          final_height: r.final.height,
          ...resultsToJson(v.results),
        }),
      );
      return EXIT.ok;
    }
    d.io.out(
      `${def.manifest.title} — ${v.counted.length} ballots counted${v.result ? ' (result posted on the ledger)' : ''}`,
    );
    for (const q of v.results.questions) {
      const question = def.manifest.questions.find((x) => x.id === q.id);
      d.io.out(`${question?.text ?? q.id}`);
      const width = Math.max(
        ...q.counts.map(([id]) => (question?.options.find((o) => o.id === id)?.text ?? id).length),
      );
      for (const [id, n] of q.counts) {
        const text = question?.options.find((o) => o.id === id)?.text ?? id;
        d.io.out(`  ${text.padEnd(width)}  ${n}`);
      }
    }
    return EXIT.ok;
  });
}
