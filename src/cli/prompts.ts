/**
 * Interactive questions of `pnyx voter` when it runs in a terminal and flags are missing: login,
 * password (masked), TOTP code, and the ballot — each question of the manifest with its min/max
 * enforced — followed by a review step. Tests give their own {@link Prompter}.
 */
import { checkbox, confirm, input, password, select } from '@inquirer/prompts';
import type { Manifest } from '../protocol/manifest.js';
import type { Choices } from '../protocol/selections.js';

/** The questions a command may ask. */
export interface Prompter {
  input(message: string): Promise<string>;
  secret(message: string): Promise<string>;
  /** One option among several; answers its value. */
  one(message: string, options: readonly { name: string; value: string }[]): Promise<string>;
  /** Between `min` and `max` options; answers their values. */
  some(
    message: string,
    options: readonly { name: string; value: string }[],
    min: number,
    max: number,
  ): Promise<string[]>;
  yes(message: string, byDefault: boolean): Promise<boolean>;
}

/** The terminal prompter (@inquirer/prompts). */
export const terminalPrompter: Prompter = {
  input: (message) => input({ message, required: true }),
  secret: (message) => password({ message, mask: '*' }),
  one: (message, options) => select({ message, choices: options.map((o) => ({ ...o })) }),
  some: (message, options, min, max) =>
    checkbox({
      message,
      choices: options.map((o) => ({ ...o })),
      validate: (picked) =>
        picked.length >= min && picked.length <= max ? true : `choose from ${min} to ${max} options`,
    }),
  yes: (message, byDefault) => confirm({ message, default: byDefault }),
};

/** Asks every question of the manifest (one option for max 1, a list otherwise) and returns the choices. */
export async function askBallot(p: Prompter, m: Manifest): Promise<Choices> {
  const out: Record<string, string[]> = {};
  for (const q of m.questions) {
    const options = q.options.map((o) => ({
      name: o.text === o.id ? o.id : `${o.text} (${o.id})`,
      value: o.id,
    }));
    const head = `${q.text} [${q.id}]`;
    if (q.max === 1 && q.min === 1) out[q.id] = [await p.one(head, options)];
    else
      out[q.id] = await p.some(
        `${head} — choose ${q.min === q.max ? q.min : `${q.min} to ${q.max}`}`,
        options,
        q.min,
        q.max,
      );
  }
  return out;
}

/** The review lines of a ballot: each question with the chosen options' texts. */
export function reviewLines(m: Manifest, c: Choices): string[] {
  return m.questions.map((q) => {
    const picked = (c[q.id] ?? []).map((id) => q.options.find((o) => o.id === id)?.text ?? id);
    return `  ${q.text}: ${picked.length === 0 ? '(none)' : picked.join(', ')}`;
  });
}
