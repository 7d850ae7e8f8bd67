/**
 * A voter's choices, as option ids per question, and their plaintext form: one 0/1 entry per option.
 */
import { fail, ok, type Result } from '../crypto/result.js';
import type { Manifest } from './manifest.js';

/** Choices by id: question id → selected option ids. */
export type Choices = Readonly<Record<string, readonly string[]>>;

/** Plaintext ballot: for each question, one 0/1 entry per option, in manifest order. */
export type Plaintext = readonly (readonly (0 | 1)[])[];

/** Converts choices to a plaintext, checking every question's min/max and that every id exists. */
export function choicesToPlaintext(manifest: Manifest, choices: Choices): Result<Plaintext> {
  for (const qid of Object.keys(choices)) {
    if (!manifest.questions.some((q) => q.id === qid))
      return fail('SELECTION_INVALID', `unknown question "${qid}"`);
  }
  const out: (0 | 1)[][] = [];
  for (const q of manifest.questions) {
    const picked = choices[q.id] ?? [];
    const row = q.options.map(() => 0 as 0 | 1);
    for (const oid of picked) {
      const i = q.options.findIndex((o) => o.id === oid);
      if (i < 0) return fail('SELECTION_INVALID', `question "${q.id}" has no option "${oid}"`);
      if (row[i] === 1)
        return fail('SELECTION_INVALID', `question "${q.id}": option "${oid}" selected twice`);
      row[i] = 1;
    }
    out.push(row);
  }
  const c = checkPlaintext(manifest, out);
  return c.ok ? ok(out) : c;
}

/** Checks a plaintext's shape and every question's min/max. */
export function checkPlaintext(manifest: Manifest, p: readonly (readonly number[])[]): Result<true> {
  if (p.length !== manifest.questions.length) {
    return fail('SELECTION_INVALID', `expected ${manifest.questions.length} questions, got ${p.length}`);
  }
  for (let i = 0; i < p.length; i++) {
    const q = manifest.questions[i]!;
    const row = p[i]!;
    if (row.length !== q.options.length) {
      return fail(
        'SELECTION_INVALID',
        `question "${q.id}": expected ${q.options.length} options, got ${row.length}`,
      );
    }
    if (row.some((x) => x !== 0 && x !== 1))
      return fail('SELECTION_INVALID', `question "${q.id}": entries must be 0 or 1`);
    const n = row.reduce((s, x) => s + x, 0);
    if (n < q.min || n > q.max) {
      return fail('SELECTION_INVALID', `question "${q.id}": ${n} selected, allowed ${q.min} to ${q.max}`);
    }
  }
  return ok(true);
}

/** Converts a plaintext back to choices by id. */
export function plaintextToChoices(manifest: Manifest, p: Plaintext): Choices {
  const out: Record<string, string[]> = {};
  manifest.questions.forEach((q, i) => {
    out[q.id] = q.options.filter((_, j) => p[i]![j] === 1).map((o) => o.id);
  });
  return out;
}
