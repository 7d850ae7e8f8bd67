/**
 * `pnyx voter register|vote|check`: the voter's terminal interface (seed 001). In a terminal, missing
 * flags are asked for (password masked; the ballot question by question with its min/max, then a review);
 * scripts give flags. The voting key is made here and kept in the voter's key file (mode 0600); the
 * password, the session and the secret key are never printed. Exit codes: `EXIT` of `client-io.ts`.
 */
import type { Command } from 'commander';
import { type ExitCode, stdio, usageExits } from './client-io.js';
import { terminalPrompter } from './prompts.js';

import { runVoterCheck } from './voter-check.js';
import {
  type CheckFlags,
  type RegisterFlags,
  runVoterRegister,
  type VoteFlags,
  type VoterCliDeps,
} from './voter-register.js';
import { runVoterVote } from './voter-vote.js';

export * from './voter-check.js';
export * from './voter-register.js';
export * from './voter-vote.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds `pnyx voter register|vote|check`. */
export function addVoterCommand(program: Command, d: Partial<VoterCliDeps> = {}): void {
  const full: VoterCliDeps = { io: d.io ?? stdio, prompter: d.prompter ?? terminalPrompter, ...d };
  const run = async (p: Promise<ExitCode>) => {
    process.exitCode = await p;
  };
  const v = program.command('voter').description('register, vote and check a ballot (the voter’s client)');
  const common = (c: Command) =>
    usageExits(c)
      .option('--node <url>', 'the registrar’s node (http://HOST:PORT)')
      .option('--election <id>', 'election id')
      .option('--login <login>', 'your login (asked in a terminal)')
      .option('--password <password>', 'your password (asked, masked, in a terminal)')
      .option('--totp <code>', 'a one-time code, when your account has a second factor')
      .option('--key-file <file>', 'your voting key file (default pnyx-voter-ELECTION.json), mode 0600')
      .option('--timeout <s>', 'seconds per request (default 30)')
      .option('--proxy <url>', 'socks5h://HOST:PORT for every connection (Tor)');
  common(
    v.command('register').description('make your voting key and register it (or obtain a blind token)'),
  ).action((o: RegisterFlags) => run(runVoterRegister(o, full)));
  common(
    v.command('vote').description('cast (or, with --audit, challenge) a ballot through your ballot boxes'),
  )
    .option('--ledger <url>', 'a ledger node to read the election from (default --node)')
    .option('--choice <Question=Option>', 'a choice; repeat for each question (asked in a terminal)', collect)
    .option(
      '--audit',
      'challenge the ballot (Benaloh): reveal it, check it opens to your choices; it does not count',
    )
    .option('--yes', 'skip the review question')
    .option('--receipt-file <file>', 'write the tracker and receipts (JSON) to this file')
    .option('--wait <s>', 'seconds to wait for voting to open and your key to be published (default 60)')
    .option('--json', 'print one JSON object')
    .action((o: VoteFlags) => run(runVoterVote(o, full)));
  usageExits(v.command('check'))
    .description('is my ballot on the ledger, in a final block, and counted?')
    .argument('<receipt>', 'a receipt file (as written by --receipt-file) or a tracker (64 hex digits)')
    .option('--node <url>', 'a ledger node (http://HOST:PORT)')
    .option('--proxy <url>', 'socks5h://HOST:PORT (Tor)')
    .option('--json', 'print one JSON object')
    .action((arg: string, o: CheckFlags) => run(runVoterCheck(arg, o, full)));
}
