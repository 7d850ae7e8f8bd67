/**
 * What `pnyx voter` and `pnyx election` share: where they write, their exit codes, flag checks, and the
 * mapping of a failed step to a sentence and an exit code. Nothing here prints a password, a session or
 * a secret key: errors carry only server codes and sentences.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { asClientError, type ClientError } from '../client/errors.js';

/** Where a command writes, and whether it may ask questions (tests replace it). */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** True when stdin and stdout are a terminal: missing flags are then asked for. */
  readonly interactive: boolean;
}

/** The process's terminal. */
export const stdio: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
};

/**
 * Exit codes of the client commands: 0 done; 1 refused or failed (a server's refusal, no receipt, a ballot
 * not counted, a check that failed); 2 bad arguments or unreadable files; 3 a node could not be reached
 * (connection, timeout, bad answer); 4 not yet (the ballot is not in a final block, the result is not
 * decrypted yet, voting not open).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3, notYet: 4 } as const;

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage problem found while reading flags. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Checks an http(s) base URL without credentials; returns it without a trailing slash. */
export function checkUrl(flag: string, text: string | undefined): string {
  if (text === undefined || text === '') throw new UsageError(`give ${flag} URL (http://HOST:PORT)`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`${flag} "${text}" is not a URL: give http(s)://HOST:PORT`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`${flag} must be an http(s)://HOST:PORT URL`);
  if (u.username !== '' || u.password !== '')
    throw new UsageError(`${flag} must not carry a user or password`);
  return text.replace(/\/+$/, '');
}

/** Reads the first line of a node admin token file (at least 16 printable characters). */
export function readAdminToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').split('\n')[0]!.trim();
  } catch (e) {
    throw new UsageError(
      `cannot read the admin token file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!/^[\x21-\x7e]{16,}$/.test(token))
    throw new UsageError(`the admin token in ${file} must be at least 16 printable characters`);
  return token;
}

/** The exit code of a failed step. */
export function exitOf(e: ClientError): ExitCode {
  if (e.kind === 'usage') return EXIT.usage;
  if (e.kind === 'unreachable') return EXIT.unreachable;
  return e.code === 'NOT_READY' ? EXIT.notYet : EXIT.refused;
}

/**
 * Runs a command body: a {@link UsageError} prints `error: …` and gives 2; any other failure prints
 * `error: CODE: sentence` and gives the code of its kind.
 */
export async function runCommand(io: CliIo, body: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    const c = asClientError(e);
    io.err(`error: ${c.message}`);
    return exitOf(c);
  }
}

/**
 * Makes commander's own argument errors (unknown option, missing argument) exit with 2 like the other
 * usage errors, instead of commander's 1; `--help` still exits with 0.
 */
export function usageExits(cmd: Command): Command {
  return cmd.exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : EXIT.usage));
}
