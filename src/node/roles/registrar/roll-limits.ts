/**
 * The roll's limits and login pattern, apart from the CSV reader so that the route schemas (which the
 * web app's typed clients load in a browser) do not carry the CSV parser.
 */

/** Limits of a roll import. */
export const ROLL_LIMITS = {
  maxRows: 100_000,
  nameLength: 200,
  emailLength: 254,
  passwordMin: 8,
  passwordMax: 256,
} as const;

/** Logins: 1 to 64 characters from `[A-Za-z0-9._@-]`, starting with a letter or digit. */
export const LOGIN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$';
