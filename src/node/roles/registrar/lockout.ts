/**
 * Per-login lockout after repeated failures, on top of the HTTP layer's per-address rate limit. Pure:
 * the counter lives in `registrar_login_failures`; these functions say what it becomes.
 *
 * Rule: every failed password or TOTP code adds one; at `maxFailures` consecutive failures the login is
 * locked for `lockMs` (and the counter restarts); while locked, every attempt is refused with
 * `ACCOUNT_LOCKED` without checking the password; a success clears the counter.
 */

/** Lockout policy. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

/** Default: 5 consecutive failures lock the login for 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

/** A login's failure counter. */
export interface FailureCounter {
  readonly failures: number;
  readonly locked_until: number;
}

/** Is the login locked at time `now`? */
export function isLocked(c: FailureCounter, now: number): boolean {
  return c.locked_until > now;
}

/** The counter after one more failure at `now`. */
export function afterFailure(c: FailureCounter, now: number, p: LockoutPolicy): FailureCounter {
  const failures = (c.locked_until !== 0 && c.locked_until <= now ? 0 : c.failures) + 1;
  return failures >= p.maxFailures
    ? { failures: 0, locked_until: now + p.lockMs }
    : { failures, locked_until: 0 };
}
