/**
 * The ballot form's rules, kept apart from the page so they can be tested alone: how a question is
 * answered (one choice or several), the rule shown next to it, and what is wrong with a selection.
 */

import type { Question } from '../../../../src/protocol/manifest.js';
import type { Choices } from '../../../../src/protocol/selections.js';
import type { MessageKey } from '../../i18n/index.js';

/** A message key and its placeholders. */
export interface Message {
  readonly key: MessageKey;
  readonly vars?: Readonly<Record<string, number>>;
}

/** Whether a question is answered with radio buttons (at most one choice) rather than checkboxes. */
export function isSingle(q: Question): boolean {
  return q.max === 1;
}

/** The rule shown next to a question. */
export function ruleOf(q: Question): Message {
  if (q.max === 1) return { key: q.min === 0 ? 'booth.ballot.rule.oneOrNone' : 'booth.ballot.rule.one' };
  if (q.min === q.max) return { key: 'booth.ballot.rule.exactly', vars: { n: q.min } };
  if (q.min === 0) return { key: 'booth.ballot.rule.upTo', vars: { max: q.max } };
  return { key: 'booth.ballot.rule.between', vars: { min: q.min, max: q.max } };
}

/** What is wrong with `picked` for `q`, or undefined when it is allowed. */
export function problemOf(q: Question, picked: readonly string[]): Message | undefined {
  if (picked.length < q.min)
    return q.max === 1
      ? { key: 'booth.ballot.pickOne' }
      : { key: 'booth.ballot.tooFew', vars: { min: q.min } };
  if (picked.length > q.max) return { key: 'booth.ballot.tooMany', vars: { max: q.max } };
  return undefined;
}

/** The questions whose selection is not allowed, with the problem. */
export function problemsOf(questions: readonly Question[], choices: Choices): ReadonlyMap<string, Message> {
  const out = new Map<string, Message>();
  for (const q of questions) {
    const p = problemOf(q, choices[q.id] ?? []);
    if (p) out.set(q.id, p);
  }
  return out;
}

/** The choices after (un)marking option `option` of question `q`; kept in manifest order. */
export function toggle(choices: Choices, q: Question, option: string, on: boolean): Choices {
  const was = choices[q.id] ?? [];
  let next: string[];
  if (isSingle(q)) next = on ? [option] : was.filter((o) => o !== option);
  else next = on ? [...new Set([...was, option])] : was.filter((o) => o !== option);
  const order = q.options.map((o) => o.id);
  next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ...choices, [q.id]: next };
}

/** The texts of the chosen options of `q` (empty: a blank answer). */
export function chosenTexts(q: Question, choices: Choices): string[] {
  const picked = choices[q.id] ?? [];
  return q.options.filter((o) => picked.includes(o.id)).map((o) => o.text);
}
