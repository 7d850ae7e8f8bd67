/** `pnyx voter register`, and the registration step `pnyx voter vote` runs when a key file holds none. */
import { clientEnv } from '../client/env.js';
import { clientError } from '../client/errors.js';
import { isRegistered, readVoterKey, type VoterKey, voterKeyExists } from '../client/key-file.js';
import { registerVoter, type VoterDeps } from '../client/voter.js';
import { type Rng, systemRng } from '../crypto/rng.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import { type CliIo, checkUrl, EXIT, type ExitCode, runCommand, UsageError } from './client-io.js';
import type { Prompter } from './prompts.js';

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

/** A whole number of seconds from a flag, in ms. */
export function seconds(flag: string, v: string | undefined, byDefault: number): number {
  if (v === undefined) return byDefault;
  if (!/^[0-9]{1,5}$/.test(v)) throw new UsageError(`${flag} is a whole number of seconds`);
  return Number(v) * 1000;
}

/** A flag's value, or the answer to `q` in a terminal. */
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

/** The flows' dependencies from the command's. */
export async function voterDeps(d: VoterCliDeps, f: RegisterFlags): Promise<VoterDeps> {
  return {
    env: d.env ?? (await clientEnv()),
    rng: d.rng ?? systemRng,
    timeoutMs: seconds('--timeout', f.timeout, 30_000),
    ...(d.now ? { now: d.now } : {}),
    ...(f.proxy === undefined ? {} : { proxy: f.proxy }),
  };
}

/** The key file, registering first when it is missing or holds no registration. */
export async function registeredKey(
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
    const vd = await voterDeps(d, f);
    const { key, fresh, file } = await registeredKey(f, d, vd);
    d.io.out(`${fresh ? 'registered' : 'already registered'}: election ${key.election} (${key.mode})`);
    d.io.out(`voting key: ${key.publicKey}`);
    if (key.boxes) d.io.out(`ballot boxes: ${key.boxes.join(', ')}`);
    if (key.token) d.io.out('voting token: held in the key file');
    d.io.out(`key file: ${file} (keep it private; it signs your ballot)`);
    return EXIT.ok;
  });
}
