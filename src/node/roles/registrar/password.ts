/**
 * Password hashing with argon2id (RFC 9106). The parameters are written into the PHC string
 * (`$argon2id$v=19$m=…,p=…,t=…$salt$hash`), so verification always uses the hash's own parameters and
 * the cost can change without invalidating stored hashes. `argon2.verify` compares digests with
 * `crypto.timingSafeEqual`.
 */
import argon2 from 'argon2';

/** argon2id cost parameters. */
export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryCost: number;
  /** Passes. */
  readonly timeCost: number;
  /** Lanes. */
  readonly parallelism: number;
}

/**
 * Named costs:
 * - `production`: OWASP's recommendation for argon2id, m = 19 MiB, t = 2, p = 1 (the default);
 * - `interactive`: m = 2 MiB, t = 2, p = 1, for demos on small machines (about 2 ms a hash here; weaker
 *   than OWASP's minimum, never for production);
 * - `test`: m = 64 KiB, t = 1, p = 1, for tests only.
 */
export const ARGON2_COSTS = {
  production: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  interactive: { memoryCost: 2_048, timeCost: 2, parallelism: 1 },
  test: { memoryCost: 64, timeCost: 1, parallelism: 1 },
} as const satisfies Record<string, Argon2Params>;

/** A named cost or explicit parameters. */
export type PasswordCost = keyof typeof ARGON2_COSTS | Argon2Params;

/** The parameters of a cost. */
export function argon2Params(cost: PasswordCost): Argon2Params {
  return typeof cost === 'string' ? ARGON2_COSTS[cost] : cost;
}

/** Hashes a password with argon2id, a fresh 16-byte salt and the given cost; returns the PHC string. */
export function hashPassword(password: string, cost: PasswordCost): Promise<string> {
  const p = argon2Params(cost);
  return argon2.hash(password, { type: argon2.argon2id, hashLength: 32, ...p });
}

/**
 * Checks a password against a PHC string with the string's own parameters. False (never a throw) when
 * the password is wrong or the stored string is unreadable.
 */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash verified when the login does not exist, so that an unknown login costs the same time as a
 * wrong password and does not reveal which logins exist.
 */
export function decoyHash(cost: PasswordCost): Promise<string> {
  return hashPassword('pnyx decoy password', cost);
}
