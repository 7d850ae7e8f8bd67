/** A captured terminal for the command tests. */
import type { CliIo } from '../../src/cli/client-io.js';
import type { Prompter } from '../../src/cli/prompts.js';

/** Lines written by a command. */
export interface Captured extends CliIo {
  readonly lines: string[];
  readonly errors: string[];
  /** Everything written, as one text. */
  text(): string;
}

/** A non-interactive (or interactive) captured terminal. */
export function captured(interactive = false): Captured {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    interactive,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    text: () => [...lines, ...errors].join('\n'),
  };
}

/** A prompter that answers from a script, in order, and records the questions. */
export function scripted(answers: (string | string[] | boolean)[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = <T>(q: string): T => {
    asked.push(q);
    if (answers.length === 0) throw new Error(`unexpected question: ${q}`);
    return answers.shift() as T;
  };
  return {
    asked,
    input: async (q) => next<string>(q),
    secret: async (q) => next<string>(q),
    one: async (q) => next<string>(q),
    some: async (q) => next<string[]>(q),
    yes: async (q) => next<boolean>(q),
  };
}
