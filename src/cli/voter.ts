/**
 * `pnyx voter register|vote|check`: the voter's terminal interface (seed 001). In a terminal, missing
 * flags are asked for (password masked; the ballot question by question with its min/max, then a review);
 * scripts give flags. The voting key is made here and kept in the voter's key file (mode 0600); the
 * password, the session and the secret key are never printed. Exit codes: {@link EXIT}.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditBallot } from '../client/audit.js';
import { castBallot } from '../client/cast.js';
import { checkTracker, trackerOf } from '../client/check.js';
import { ElectionReader } from '../client/election-reader.js';
import { clientEnv } from '../client/env.js';
import { clientError } from '../client/errors.js';
import { isRegistered, readVoterKey, type VoterKey, voterKeyExists } from '../client/key-file.js';
import { prepareBallot, registerVoter, type VoterDeps } from '../client/voter.js';
import {
  canonicalJson,
  isJsonObject,
  type JsonObject,
  parseJson,
} from '../crypto/encoding/canonical-json.js';
import { type Rng, systemRng } from '../crypto/rng.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import type { Choices } from '../protocol/selections.js';
import { parseChoices } from './choices.js';
import {
  type CliIo,
  checkUrl,
  EXIT,
  type ExitCode,
  runCommand,
  stdio,
  UsageError,
  usageExits,
} from './client-io.js';
import { askBallot, type Prompter, reviewLines, terminalPrompter } from './prompts.js';

/** What the voter commands run with (tests replace parts). */
export interface VoterCliDeps {
  readonly io: CliIo;
  readonly prompter: Prompter;
  readonly env?: ElectionEnv;
  readonly rng?: Rng;
  readonly now?: () => number;
}

/** Flags of `voter register` (and the registration part of `voter vote`). */
export interface RegisterFlags {
  readonly node?: string;
  readonly election?: string;
  readonly login?: string;
  readonly password?: string;
  readonly totp?: string;
  readonly keyFile?: string;
  readonly timeout?: string;
  readonly proxy?: string;
}

/** Flags of `voter vote`. */
export interface VoteFlags extends RegisterFlags {
  readonly ledger?: string;
  readonly choice?: readonly string[];
  readonly audit?: boolean;
  readonly yes?: boolean;
  readonly json?: boolean;
  readonly receiptFile?: string;
  readonly wait?: string;
}

/** Flags of `voter check`. */
export interface CheckFlags {
  readonly node?: string;
  readonly json?: boolean;
  readonly proxy?: string;
}

/** The default key file of an election: `pnyx-voter-ELECTION.json` in the working directory. */
export function defaultKeyFile(election: string): string {
  return `pnyx-voter-${election}.json`;
}

function seconds(flag: string, v: string | undefined, byDefault: number): number {
  if (v === undefined) return byDefault;
  if (!/^[0-9]{1,5}$/.test(v)) throw new UsageError(`${flag} is a whole number of seconds`);
  return Number(v) * 1000;
}

async function ask(
  d: VoterCliDeps,
  flag: string,
  v: string | undefined,
  q: string,
  secret = false,
): Promise<string> {
  if (v !== undefined && v !== '') return v;
  if (!d.io.interactive) throw new UsageError(`give ${flag}`);
  return secret ? d.prompter.secret(q) : d.prompter.input(q);
}

async function deps(d: VoterCliDeps, f: RegisterFlags): Promise<VoterDeps> {
  return {
    env: d.env ?? (await clientEnv()),
    rng: d.rng ?? systemRng,
    timeoutMs: seconds('--timeout', f.timeout, 30_000),
    ...(d.now ? { now: d.now } : {}),
    ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
  };
}

/** The key file, registering first when it is missing or holds no registration. */
async function registeredKey(
  f: RegisterFlags,
  d: VoterCliDeps,
  vd: VoterDeps,
): Promise<{ key: VoterKey; fresh: boolean; file: string; node: string }> {
  const node = checkUrl('--node', await ask(d, '--node URL', f.node, 'Registrar URL'));
  const election = await ask(d, '--election ID', f.election, 'Election id');
  const file = f.keyFile ?? defaultKeyFile(election);
  if (voterKeyExists(file)) {
    const k = readVoterKey(file, vd.env.ed);
    if (k.election !== election)
      throw clientError('KEY_FILE_INVALID', `${file} belongs to election ${k.election}`);
    if (isRegistered(k)) return { key: k, fresh: false, file, node };
  }
  const login = await ask(d, '--login L', f.login, 'Login');
  const password = await ask(d, '--password P', f.password, 'Password', true);
  const totp = async () =>
    f.totp ?? (d.io.interactive ? await d.prompter.input('One-time code (TOTP)') : undefined);
  const r = await registerVoter({ registrar: node, election, login, password, totp, keyFile: file }, vd);
  return { key: r.key, fresh: r.fresh, file, node };
}

/** `pnyx voter register`. */
export async function runVoterRegister(f: RegisterFlags, d: VoterCliDeps): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const vd = await deps(d, f);
    const { key, fresh, file } = await registeredKey(f, d, vd);
    d.io.out(`${fresh ? 'registered' : 'already registered'}: election ${key.election} (${key.mode})`);
    d.io.out(`voting key: ${key.publicKey}`);
    if (key.boxes) d.io.out(`ballot boxes: ${key.boxes.join(', ')}`);
    if (key.token) d.io.out('voting token: held in the key file');
    d.io.out(`key file: ${file} (keep it private; it signs your ballot)`);
    return EXIT.ok;
  });
}

async function choicesFor(
  f: VoteFlags,
  d: VoterCliDeps,
  manifest: Parameters<typeof parseChoices>[0],
): Promise<Choices> {
  if (f.choice && f.choice.length > 0) return parseChoices(manifest, f.choice);
  if (!d.io.interactive) throw new UsageError('give --choice "Question=Option" for each question');
  d.io.out(manifest.title);
  for (;;) {
    const c = await askBallot(d.prompter, manifest);
    d.io.out('Your ballot:');
    for (const l of reviewLines(manifest, c)) d.io.out(l);
    if (
      f.yes ||
      (await d.prompter.yes(f.audit ? 'Audit this ballot (it will not count)?' : 'Cast this ballot?', true))
    )
      return c;
  }
}

/** `pnyx voter vote`. */
export async function runVoterVote(f: VoteFlags, d: VoterCliDeps): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const vd = await deps(d, f);
    const { key, node } = await registeredKey(f, d, vd);
    const ledger = f.ledger === undefined ? node : checkUrl('--ledger', f.ledger);
    const reader = await ElectionReader.open(ledger, {
      env: vd.env,
      ...(d.now ? { now: d.now } : {}),
      ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    });
    try {
      const b = await prepareBallot(
        reader,
        {
          node: ledger,
          election: key.election,
          key,
          choices: {},
          waitMs: seconds('--wait', f.wait, 60_000),
          onWait: (why) => d.io.err(`waiting: ${why}`),
        },
        vd,
      );
      const choices = await choicesFor(f, d, b.ctx.election.manifest);
      const o = {
        voterSecret: key.secretKey,
        boxes: b.boxes,
        rng: vd.rng,
        ...(key.token ? { token: key.token } : {}),
        ...(vd.timeoutMs === undefined ? {} : { timeoutMs: vd.timeoutMs }),
        ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
      };
      if (f.audit) {
        const a = await auditBallot(b.ctx, choices, o);
        const out: JsonObject = {
          election: key.election,
          audited: true,
          tracker: a.tracker,
          ballot_id: a.ballotId,
          box: a.box,
          choices: a.choices as unknown as JsonObject,
        };
        if (f.json) d.io.out(canonicalJson(out));
        else {
          d.io.out(`audited (spoiled, not counted): tracker ${a.tracker}`);
          d.io.out(`published through box ${a.box}; the ballot opened to your choices:`);
          for (const l of reviewLines(b.ctx.election.manifest, a.choices)) d.io.out(l);
        }
        for (const x of a.failures) d.io.err(`box ${x.box}: ${x.message}`);
        if (f.receiptFile) writeFileSync(f.receiptFile, `${canonicalJson(out)}\n`);
        return EXIT.ok;
      }
      const c = await castBallot(b.ctx, choices, o);
      const out: JsonObject = {
        election: key.election,
        tracker: c.tracker,
        ballot_id: c.ballotId,
        receipts: c.receipts.map((r) => ({
          tracker: r.tracker,
          box: r.box,
          received_at: r.received_at,
          sig: r.sig,
        })),
        failures: c.boxes.flatMap((x) => (x.ok ? [] : [{ box: x.box, code: x.code, message: x.message }])),
      };
      if (f.receiptFile && c.receipts.length > 0) writeFileSync(f.receiptFile, `${canonicalJson(out)}\n`);
      if (f.json) d.io.out(canonicalJson(out));
      else {
        d.io.out(`tracker: ${c.tracker}`);
        for (const x of c.boxes)
          d.io.out(
            x.ok
              ? `receipt ${x.box}: received ${new Date(x.receipt.received_at).toISOString()} sig ${x.receipt.sig}`
              : `box ${x.box}: FAILED ${x.code}: ${x.message}`,
          );
        if (f.receiptFile && c.receipts.length > 0) d.io.out(`receipts written to ${f.receiptFile}`);
      }
      if (c.receipts.length === 0) throw clientError('NO_RECEIPT', 'no ballot box accepted the ballot');
      return EXIT.ok;
    } finally {
      reader.close();
    }
  });
}

/** Reads a `voter check` argument: a tracker, a receipt file, or the receipt file `voter vote` wrote. */
function checkTarget(arg: string): unknown {
  if (/^[0-9a-f]{64}$/.test(arg) && !existsSync(arg)) return arg;
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    throw new UsageError(`${arg} is neither a tracker (64 hex digits) nor a readable receipt file`);
  }
  const p = parseJson(text.trim());
  if (!p.ok || !isJsonObject(p.value)) throw new UsageError(`${arg} is not a JSON receipt`);
  const v = p.value;
  if (Array.isArray(v.receipts) && v.receipts.length > 0) return v.receipts[0];
  if (typeof v.tracker === 'string' && v.sig === undefined) return v.tracker;
  return v;
}

/** `pnyx voter check RECEIPT_FILE_OR_TRACKER`. */
export async function runVoterCheck(arg: string, f: CheckFlags, d: VoterCliDeps): Promise<ExitCode> {
  return runCommand(d.io, async () => {
    const node = checkUrl('--node', f.node);
    const target = checkTarget(arg);
    const env = d.env ?? (await clientEnv());
    const reader = await ElectionReader.open(node, {
      env,
      ...(d.now ? { now: d.now } : {}),
      ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
    });
    try {
      const reading = await reader.read();
      const { tracker, receipt } = trackerOf(env.ed, reading, target);
      const c = checkTracker(reading, tracker, receipt);
      if (f.json)
        d.io.out(
          canonicalJson({
            tracker: c.tracker,
            standing: c.standing,
            provisional: c.provisional,
            phase: c.phase,
            final_height: c.finalHeight,
            head_height: c.headHeight,
            records: c.records.map((r) => ({
              box: r.box,
              height: r.height,
              tx: r.txId,
              verdict: r.verdict,
              reason: r.reason,
            })),
          }),
        );
      else {
        if (receipt) d.io.out(`receipt: signed by box ${receipt.box} (checked)`);
        d.io.out(`tracker: ${c.tracker}`);
        d.io.out(
          `standing: ${c.standing}${c.provisional && c.standing === 'counted' ? ' (the election is not closed yet)' : ''}`,
        );
        d.io.out(`election phase: ${c.phase}; final block ${c.finalHeight}, head ${c.headHeight}`);
        for (const r of c.records) d.io.out(`  block ${r.height}, box ${r.box}: ${r.verdict} — ${r.reason}`);
      }
      if (c.standing === 'counted' || c.standing === 'spoiled') return EXIT.ok;
      return c.standing === 'not-counted' ? EXIT.refused : EXIT.notYet;
    } finally {
      reader.close();
    }
  });
}

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
