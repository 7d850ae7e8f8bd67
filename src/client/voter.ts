/**
 * The voter's flows, shared by `pnyx voter` and the demo: register (login → identity key or blind token,
 * kept in the voter's key file) and vote (read the ledger → wait for eligibility → cast to every assigned
 * box, or audit). Each step fails with a {@link ClientError} whose code says what went wrong.
 */
import type { Rng } from '../crypto/rng.js';
import type { ElectionEnv } from '../ledger/election/env.js';
import type { CastContext } from '../protocol/cast/context.js';
import type { Choices } from '../protocol/selections.js';
import { type AuditOutcome, auditBallot } from './audit.js';
import { type CastOutcome, castBallot } from './cast.js';
import { castContextOf, ElectionReader, type ElectionReading, eligibleBoxes } from './election-reader.js';
import { clientError } from './errors.js';
import {
  isRegistered,
  newVoterKey,
  readVoterKey,
  type VoterKey,
  voterKeyExists,
  writeVoterKey,
} from './key-file.js';
import { obtainToken, registerIdentityKey, registrarElection } from './register.js';
import { type TotpSource, voterSession } from './session.js';

/** What every flow needs. */
export interface VoterDeps {
  readonly env: ElectionEnv;
  readonly rng: Rng;
  /** Clock (default `Date.now`). */
  readonly now?: () => number;
  readonly proxy?: string;
  /** Per request, ms. */
  readonly timeoutMs?: number;
}

/** Who registers, where. */
export interface RegisterArgs {
  /** The registrar's node. */
  readonly registrar: string;
  readonly election: string;
  readonly login: string;
  readonly password: string;
  readonly totp?: TotpSource;
  readonly keyFile: string;
}

/** The outcome of a registration. */
export interface Registered {
  readonly key: VoterKey;
  /** False when the key file already held a finished registration. */
  readonly fresh: boolean;
}

const opts = (d: VoterDeps) => ({
  ...(d.timeoutMs === undefined ? {} : { timeoutMs: d.timeoutMs }),
  ...(d.proxy === undefined ? {} : { proxy: d.proxy }),
});

/**
 * Registers the voter: logs in, reads the election's mode, makes (or reuses) the voting key in the key
 * file, and registers it (identity keys: answers the boxes) or obtains a blind token for it. The key file
 * is written before anything is sent, and again with what registration gave.
 */
export async function registerVoter(a: RegisterArgs, d: VoterDeps): Promise<Registered> {
  const existing = voterKeyExists(a.keyFile) ? readVoterKey(a.keyFile, d.env.ed) : undefined;
  if (existing && existing.election !== a.election)
    throw clientError('KEY_FILE_INVALID', `${a.keyFile} belongs to election ${existing.election}`);
  if (existing?.token) return { key: existing, fresh: false };
  const s = await voterSession(a.registrar, {
    login: a.login,
    password: a.password,
    ...(a.totp ? { totp: a.totp } : {}),
    ...opts(d),
  });
  try {
    const info = await registrarElection(s, a.election);
    if (existing && existing.fingerprint !== info.fingerprint)
      throw clientError('KEY_FILE_INVALID', `${a.keyFile} was made for another version of ${a.election}`);
    const mode = info.mode as VoterKey['mode'];
    let key = existing ?? newVoterKey(d.env.ed, d.rng, { id: info.id, fingerprint: info.fingerprint, mode });
    if (!existing) writeVoterKey(a.keyFile, key);
    if (mode === 'identity-keys') {
      const boxes = await registerIdentityKey(s, a.election, key.publicKey);
      key = { ...key, boxes: boxes.map((b) => b.id) };
    } else if (mode === 'blind-tokens') {
      key = { ...key, token: await obtainToken(s, info, key.publicKey, d.rng) };
    } else throw clientError('USAGE', `the eligibility mode ${mode} is not supported by this client`);
    writeVoterKey(a.keyFile, key);
    return { key, fresh: !existing || !isRegistered(existing) };
  } finally {
    await s.logout();
  }
}

/** A vote. */
export interface VoteArgs {
  /** A ledger node to read the election from. */
  readonly node: string;
  readonly election: string;
  readonly key: VoterKey;
  readonly choices: Choices;
  /** Challenge the ballot instead of casting it. */
  readonly audit?: boolean;
  /** How long to wait for the key to be published on the ledger (ms, default 60 s). */
  readonly waitMs?: number;
  /** Called while waiting (e.g. a line on the terminal). */
  readonly onWait?: (why: string) => void;
}

/** What a vote did. */
export type VoteOutcome =
  | ({ readonly kind: 'cast' } & CastOutcome)
  | ({ readonly kind: 'audit' } & AuditOutcome);

/** An election ready to vote in: the reading, its cast context, and the boxes of `key`. */
export interface Ballot {
  readonly reading: ElectionReading;
  readonly ctx: CastContext<unknown>;
  readonly boxes: readonly string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads the ledger until the election is open and, for identity keys, the voter's key is listed in a
 * final block (`NOT_READY` after `waitMs`). Checks that the ledger's election is the key file's.
 */
export async function prepareBallot(reader: ElectionReader, a: VoteArgs, d: VoterDeps): Promise<Ballot> {
  const now = d.now ?? Date.now;
  const end = now() + (a.waitMs ?? 60_000);
  for (;;) {
    const reading = await reader.read();
    const def = reading.final.view.definition;
    if (def && def.id !== a.election)
      throw clientError('ELECTION_MISMATCH', `the node's ledger runs election ${def.id}, not ${a.election}`);
    if (def && reading.final.view.fingerprint !== a.key.fingerprint)
      throw clientError('ELECTION_MISMATCH', 'the key file was made for another version of this election');
    let why: string;
    const phase = reading.final.view.phase;
    if (def && phase === 'open') {
      const ctx = castContextOf(reading, now());
      if (a.key.mode === 'blind-tokens') {
        if (!a.key.token)
          throw clientError('NOT_READY', 'the key file holds no voting token: register first');
        return { reading, ctx, boxes: def.boxes.map((b) => b.id) };
      }
      const boxes = await eligibleBoxes(reading, a.key.publicKey);
      if (boxes) return { reading, ctx, boxes };
      why = 'the voting key is not on the ledger yet (the registrar publishes it within seconds)';
    } else if (phase === 'closed' || phase === 'decrypting' || phase === 'done' || phase === 'failed') {
      throw clientError('NOT_READY', `voting is over (the election is ${phase})`);
    } else why = `voting is not open yet (the election is in phase ${phase})`;
    if (now() >= end) throw clientError('NOT_READY', why);
    a.onWait?.(why);
    await sleep(Math.min(1000, Math.max(50, end - now())));
  }
}

/** Casts (or audits) the voter's choices through every box of the voter's key. */
export async function vote(a: VoteArgs, d: VoterDeps): Promise<VoteOutcome> {
  const reader = await ElectionReader.open(a.node, {
    env: d.env,
    ...(d.now ? { now: d.now } : {}),
    ...(d.proxy === undefined ? {} : { proxy: d.proxy }),
  });
  try {
    const b = await prepareBallot(reader, a, d);
    const o = {
      voterSecret: a.key.secretKey,
      boxes: b.boxes,
      rng: d.rng,
      ...(a.key.token ? { token: a.key.token } : {}),
      ...opts(d),
    };
    if (a.audit) return { kind: 'audit', ...(await auditBallot(b.ctx, a.choices, o)) };
    const c = await castBallot(b.ctx, a.choices, o);
    // The encryption secrets stay here: a cast ballot is never opened.
    const { tracker, ballotId, voterKey, plaintext, boxes, receipts } = c;
    return { kind: 'cast', tracker, ballotId, voterKey, plaintext, boxes, receipts };
  } finally {
    reader.close();
  }
}
