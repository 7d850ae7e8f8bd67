/**
 * The simulated voters, through the same client code and HTTP routes a real voter's client uses:
 * log in at the registrar, register an identity key (seed 000) or obtain a blind token for a fresh
 * voting key (seed 001), then encrypt, prove, sign and send the ballot to every assigned ballot box and
 * check each receipt. Each voter's random choice is recorded as the intended vote.
 */

import { castBallot } from '../client/cast.js';
import { obtainToken, registerIdentityKey, registrarElection } from '../client/register.js';
import { voterSession } from '../client/session.js';
import { toHex } from '../crypto/bytes.js';
import { ed25519Native } from '../crypto/node/ed25519-native.js';
import { systemRng } from '../crypto/rng.js';
import type { CastContext } from '../protocol/cast/context.js';
import type { VotingToken } from '../protocol/eligibility/token.js';
import type { Choices } from '../protocol/selections.js';
import { DEMO_QUESTIONS, type DemoEligibility } from './election.js';
import type { Progress } from './progress.js';
import type { RollVoter } from './roll.js';

/** One simulated voter. */
export interface SimVoter extends RollVoter {
  /** Voting key seed (secret). */
  readonly secret: Uint8Array;
  readonly publicKey: string;
  /** The intended vote. */
  readonly choices: Choices;
  /** Assigned box ids (identity keys), or undefined for every box. */
  boxes?: readonly string[];
  token?: VotingToken;
  /** Receipts received. */
  receipts?: number;
}

/** A random choice per question (uniform over the options). */
function randomChoices(): Choices {
  const out: Record<string, string[]> = {};
  for (const q of DEMO_QUESTIONS) out[q.id] = [q.options[systemRng(1)[0]! % q.options.length]!];
  return out;
}

/** Voters with fresh voting keys and random intended votes. */
export function simVoters(roll: readonly RollVoter[]): SimVoter[] {
  return roll.map((r) => {
    const secret = systemRng(32);
    return {
      ...r,
      secret,
      publicKey: toHex(ed25519Native.publicKeyFromSecret(secret)),
      choices: randomChoices(),
    };
  });
}

/** Runs `job` over `items` with at most `width` at once; the first failure is thrown at the end. */
export async function pool<T>(
  items: readonly T[],
  width: number,
  job: (t: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let error: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && error === undefined) {
      const t = items[next++]!;
      try {
        await job(t);
      } catch (e) {
        error ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  if (error !== undefined) throw error;
}

/** Logs every voter in and registers it in the chosen eligibility mode. */
export async function registerAll(
  voters: readonly SimVoter[],
  registrarUrl: string,
  election: string,
  mode: DemoEligibility,
  bar: Progress,
): Promise<void> {
  let done = 0;
  await pool(voters, 16, async (v) => {
    const s = await voterSession(registrarUrl, { login: v.login, password: v.password });
    try {
      if (mode === 'identity-keys') {
        v.boxes = (await registerIdentityKey(s, election, v.publicKey)).map((b) => b.id);
      } else {
        const info = await registrarElection(s, election);
        v.token = await obtainToken(s, info, v.publicKey, systemRng);
      }
    } finally {
      await s.logout();
    }
    bar.update(++done);
  });
}

/** Every voter casts its intended vote to its boxes; answers the number of receipts received. */
export async function voteAll(
  ctx: CastContext<unknown>,
  voters: readonly SimVoter[],
  allBoxes: readonly string[],
  bar: Progress,
): Promise<number> {
  let done = 0;
  let receipts = 0;
  await pool(voters, 16, async (v) => {
    const out = await castBallot(ctx, v.choices, {
      voterSecret: v.secret,
      boxes: v.boxes ?? allBoxes,
      ...(v.token ? { token: v.token } : {}),
      rng: systemRng,
    });
    if (out.receipts.length === 0) {
      const why = out.boxes.map((b) => (b.ok ? '' : `${b.box}: ${b.code} ${b.message}`)).join('; ');
      throw new Error(`${v.login}: no ballot box took the ballot (${why})`);
    }
    v.receipts = out.receipts.length;
    receipts += out.receipts.length;
    bar.update(++done);
  });
  return receipts;
}

/** Intended counts: question id → option id → number of voters who chose it. */
export function intendedCounts(voters: readonly SimVoter[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const q of DEMO_QUESTIONS) out[q.id] = Object.fromEntries(q.options.map((o) => [o, 0]));
  for (const v of voters)
    for (const [q, opts] of Object.entries(v.choices)) for (const o of opts) out[q]![o]! += 1;
  return out;
}
