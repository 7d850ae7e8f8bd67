/**
 * The voter-roll commitment: a count and a hash that fix the roll without revealing who is on it.
 *
 * Each voter gets a secret 32-byte salt `s` (kept by the registrar and given to the voter). The voter's
 * entry commitment is
 *   `c = SHA-256(canonical(["pnyx/v1/roll-entry", login, hex(s)]))`,
 * and the roll hash is
 *   `H = SHA-256(canonical(["pnyx/v1/roll", [c_1, …, c_N]]))` with the `c_i` as lowercase hex, sorted
 * ascending and distinct. The definition carries `{count: N, hash: H}`. Publishing the sorted list of
 * commitments lets anyone recompute `H` and `N`, and each voter (who knows login and salt) find their own
 * entry; without a salt, a commitment says nothing about the login.
 */
import { toHex } from '../../crypto/bytes.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import { type Check, fail, OK, ok, type Result } from '../../crypto/result.js';
import type { Rng } from '../../crypto/rng.js';
import type { RollCommitment } from './definition.js';
import { ELECTION_LIMITS } from './definition.js';
import { checkSorted, readHex32, readInt, readObject } from './fields.js';

/** Domain of a roll entry commitment. */
export const ROLL_ENTRY_DOMAIN = 'pnyx/v1/roll-entry';
/** Domain of the roll hash. */
export const ROLL_DOMAIN = 'pnyx/v1/roll';

/** A fresh roll salt: 32 random bytes as hex. */
export function newRollSalt(rng: Rng): string {
  return toHex(rng(32));
}

/** The commitment `c` of one roll entry (login and its hex salt). */
export function rollEntryCommitment(login: string, salt: string): string {
  return hashJsonHex([ROLL_ENTRY_DOMAIN, login, salt]);
}

/** The roll hash `H` of a list of entry commitments (any order; they are sorted here). */
export function rollHash(commitments: readonly string[]): string {
  return hashJsonHex([ROLL_DOMAIN, [...commitments].sort()]);
}

/**
 * The roll commitment `{count, hash}` of a list of entry commitments. `ELECTION_INVALID` if an entry is
 * not 64 hex digits or two entries are equal (two voters with the same login and salt).
 */
export function rollCommitment(commitments: readonly string[]): Result<RollCommitment> {
  for (let i = 0; i < commitments.length; i++) {
    const c = readHex32('ELECTION_INVALID', commitments[i], `roll entry ${i}`);
    if (!c.ok) return c;
  }
  const sorted = [...commitments].sort();
  const distinct = checkSorted('ELECTION_INVALID', sorted, 'roll entries');
  if (!distinct.ok) return distinct;
  return ok({ count: sorted.length, hash: hashJsonHex([ROLL_DOMAIN, sorted]) });
}

/** Checks that a published list of entry commitments matches a roll commitment. */
export function checkRollList(roll: RollCommitment, commitments: readonly string[]): Check {
  const c = rollCommitment(commitments);
  if (!c.ok) return c;
  if (c.value.count !== roll.count || c.value.hash !== roll.hash)
    return fail('ELECTION_INVALID', 'the published roll entries do not match the roll commitment');
  return OK;
}

/** Strict reader of `{count, hash}`. */
export function readRollCommitment(v: unknown, what = 'roll'): Result<RollCommitment> {
  const o = readObject('ELECTION_INVALID', v, what, ['count', 'hash']);
  if (!o.ok) return o;
  const count = readInt('ELECTION_INVALID', o.value.count, `${what}.count`, 1, ELECTION_LIMITS.maxRoll);
  if (!count.ok) return count;
  const hash = readHex32('ELECTION_INVALID', o.value.hash, `${what}.hash`);
  if (!hash.ok) return hash;
  return ok({ count: count.value, hash: hash.value });
}
