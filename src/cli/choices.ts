/**
 * `--choice "Question=Option"` flags → choices by id. A question or option is named by its id or,
 * failing that, by its exact text (case-insensitive). A question may be repeated, or take several options
 * separated by commas, for multi-choice questions. The manifest's min/max is checked by the protocol.
 */
import type { Manifest, Question } from '../protocol/manifest.js';
import type { Choices } from '../protocol/selections.js';
import { UsageError } from './client-io.js';

function find<T extends { id: string; text: string }>(items: readonly T[], name: string): T | undefined {
  const n = name.trim();
  return items.find((i) => i.id === n) ?? items.find((i) => i.text.toLowerCase() === n.toLowerCase());
}

/** Reads the `--choice` flags against the manifest; throws {@link UsageError} naming the bad flag. */
export function parseChoices(m: Manifest, flags: readonly string[]): Choices {
  const out: Record<string, string[]> = {};
  for (const f of flags) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new UsageError(`--choice "${f}" must be "Question=Option"`);
    const q: Question | undefined = find(m.questions, f.slice(0, eq));
    if (!q)
      throw new UsageError(
        `--choice "${f}": no question "${f.slice(0, eq)}" (questions: ${m.questions.map((x) => x.id).join(', ')})`,
      );
    for (const name of f.slice(eq + 1).split(',')) {
      if (name.trim() === '') continue;
      const o = find(q.options, name);
      if (!o)
        throw new UsageError(
          `--choice "${f}": question ${q.id} has no option "${name.trim()}" (options: ${q.options.map((x) => x.id).join(', ')})`,
        );
      const list = out[q.id] ?? [];
      if (!list.includes(o.id)) list.push(o.id);
      out[q.id] = list;
    }
  }
  return out;
}
