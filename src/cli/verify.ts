/**
 * `pnyx verify --node URL | --file FILE [--json] [--workers N]`: re-checks an election from its ledger
 * alone (docs/verify.md) and prints each check.
 *
 * Exit codes: 0 every check passed; 1 a check failed (the failing objects are named); 2 bad arguments,
 * an unreadable file or an unreachable node.
 */
import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { reportJson, reportLines } from '../verify/report.js';
import type { VerifyReport } from '../verify/types.js';
import { verifyLedger, verifyNode } from '../verify/verify.js';

/** Where the command writes (tests capture it). */
export interface VerifyIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Progress (ballots read so far), when the output is a terminal. */
  readonly progress?: (ballots: number) => void;
}

const stdio: VerifyIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  ...(process.stderr.isTTY
    ? { progress: (n: number) => process.stderr.write(`\r  ${n} ballot transactions checked…\u001b[K`) }
    : {}),
};

/** Exit codes of `pnyx verify`. */
export const VERIFY_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Options of `pnyx verify`. */
export interface VerifyArgs {
  readonly node?: string;
  readonly file?: string;
  readonly json?: boolean;
  readonly workers?: number;
}

function workerCount(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || n > 256)
    throw new InvalidArgumentError('--workers is an integer from 0 to 256');
  return n;
}

/** Runs `pnyx verify`; returns the exit code. */
export async function runVerify(a: VerifyArgs, io: VerifyIo = stdio): Promise<number> {
  if ((a.node === undefined) === (a.file === undefined)) {
    io.err('error: give exactly one of --node URL or --file FILE');
    return VERIFY_EXIT.usage;
  }
  if (a.file !== undefined && !existsSync(a.file)) {
    io.err(`error: cannot read ${a.file}: no such file`);
    return VERIFY_EXIT.usage;
  }
  let ballots = 0;
  const progress = io.progress;
  const opts = {
    ...(a.workers === undefined ? {} : { workers: a.workers }),
    ...(progress
      ? {
          onBlock: (_h: number, n: number) => {
            ballots += n;
            progress(ballots);
          },
        }
      : {}),
  };
  let report: VerifyReport;
  try {
    report = a.file !== undefined ? await verifyLedger(a.file, opts) : await verifyNode(a.node!, opts);
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    return VERIFY_EXIT.usage;
  }
  if (progress && ballots > 0) io.err('');
  if (a.json) io.out(reportJson(report));
  else for (const l of reportLines(report)) io.out(l);
  return report.ok ? VERIFY_EXIT.ok : VERIFY_EXIT.failed;
}

/** Adds `pnyx verify`. */
export function addVerifyCommand(program: Command, io: VerifyIo = stdio): void {
  program
    .command('verify')
    .description(
      're-check an election from its ledger alone: chain, ballots, proofs, tally, decryptions, result',
    )
    .option('--node <url>', 'a node to fetch the ledger export from (GET URL/api/export)')
    .option('--file <file>', 'a ledger export file (JSON lines)')
    .option('--json', 'print a machine summary (one JSON object)')
    .option('--workers <n>', 'worker threads checking ballots (default: the number of cores)', workerCount)
    .action(async (o: VerifyArgs) => {
      process.exitCode = await runVerify(o, io);
    });
}
