/**
 * The schedule of an election: the voting window and an optional registration window, as integer
 * milliseconds since the epoch. Rules: `opens_at < closes_at` in each window, and registration closes no
 * later than voting (`registration.closes_at ≤ closes_at`).
 */
import { fail, ok, type Result } from '../../crypto/result.js';
import type { Schedule, Window } from './definition.js';
import { readInt, readObject } from './fields.js';

const C = 'ELECTION_INVALID';

function readWindow(
  v: unknown,
  what: string,
  optional: readonly string[],
): Result<Window & { rest: unknown }> {
  const o = readObject(C, v, what, ['opens_at', 'closes_at'], optional);
  if (!o.ok) return o;
  const opens = readInt(C, o.value.opens_at, `${what}.opens_at`, 0, Number.MAX_SAFE_INTEGER);
  if (!opens.ok) return opens;
  const closes = readInt(C, o.value.closes_at, `${what}.closes_at`, 0, Number.MAX_SAFE_INTEGER);
  if (!closes.ok) return closes;
  // The window is not empty.
  if (closes.value <= opens.value) return fail(C, `${what}.closes_at must be after ${what}.opens_at`);
  return ok({ opens_at: opens.value, closes_at: closes.value, rest: o.value.registration });
}

/** Strict reader of a schedule. */
export function readSchedule(v: unknown): Result<Schedule> {
  const voting = readWindow(v, 'schedule', ['registration']);
  if (!voting.ok) return voting;
  const { opens_at, closes_at, rest } = voting.value;
  if (rest === undefined) return ok({ opens_at, closes_at });
  const reg = readWindow(rest, 'schedule.registration', []);
  if (!reg.ok) return reg;
  // Registration must be over when voting ends (ballot boxes need the final eligibility state).
  if (reg.value.closes_at > closes_at)
    return fail(C, 'schedule.registration.closes_at must not be after schedule.closes_at');
  return ok({
    opens_at,
    closes_at,
    registration: { opens_at: reg.value.opens_at, closes_at: reg.value.closes_at },
  });
}

/** JSON form of a schedule. */
export function scheduleToJson(s: Schedule): { [k: string]: number | { [k: string]: number } } {
  const out: { [k: string]: number | { [k: string]: number } } = {
    opens_at: s.opens_at,
    closes_at: s.closes_at,
  };
  if (s.registration)
    out.registration = { opens_at: s.registration.opens_at, closes_at: s.registration.closes_at };
  return out;
}

/** True when `time` (ms since the epoch) is inside the voting window `[opens_at, closes_at)`. */
export function isVotingOpen(s: Schedule, time: number): boolean {
  return time >= s.opens_at && time < s.closes_at;
}
