/**
 * TOTP second factor (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second steps, a 160-bit
 * secret, and codes accepted from one step before to one step after the current one. Replay protection:
 * a code is accepted only if its time step is later than the last accepted step of the account, so each
 * code works once and an older code never works after a newer one.
 */
import { Secret, TOTP } from 'otpauth';
import type { Rng } from '../../../crypto/rng.js';

/** Digits of a code. */
export const TOTP_DIGITS = 6;
/** Seconds per time step. */
export const TOTP_PERIOD = 30;
/** Steps accepted on each side of the current one. */
export const TOTP_WINDOW = 1;
/** Secret length in bytes. */
export const TOTP_SECRET_BYTES = 20;

/** The shape of a code. */
export const TOTP_CODE_PATTERN = '^[0-9]{6}$';

/** A fresh secret (base32, as authenticator apps read it). */
export function newTotpSecret(rng: Rng): string {
  return new Secret({ buffer: Uint8Array.from(rng(TOTP_SECRET_BYTES)).buffer }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app imports (shown once, at enrolment). */
export function totpUri(secretBase32: string, issuer: string, login: string): string {
  return new TOTP({
    issuer,
    label: login,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
  }).toString();
}

/** The time step of a moment (milliseconds since the epoch). */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD);
}

/** The code of a secret at a moment (for tests and clients). */
export function totpCode(secretBase32: string, now: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    timestamp: now,
  });
}

/**
 * The time step a code belongs to, if it is valid within the window around `now`; `undefined` otherwise.
 * The caller then accepts it only if that step is later than the account's last accepted step.
 */
export function matchTotp(secretBase32: string, code: string, now: number): number | undefined {
  if (!/^[0-9]{6}$/.test(code)) return undefined;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    timestamp: now,
    window: TOTP_WINDOW,
  });
  return delta === null ? undefined : totpStep(now) + delta;
}
