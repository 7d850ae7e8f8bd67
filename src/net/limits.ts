/** Limits of a node's HTTP server, with defaults. */

/** Server-wide limits; every field has a default in {@link DEFAULT_LIMITS}. */
export interface NetLimits {
  /** Largest accepted request body in bytes, unless the route sets its own. */
  readonly bodyLimit: number;
  /** Requests allowed per client address per window (all routes together, unless a route sets its own). */
  readonly rateLimitMax: number;
  /** Length of the rate-limit window in milliseconds. */
  readonly rateLimitWindowMs: number;
  /** Time allowed to receive a whole request (headers and body), in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Idle keep-alive connections are closed after this many milliseconds. */
  readonly keepAliveTimeoutMs: number;
  /** On stop, in-flight requests get this long to finish before their connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** Parse and check pre-encoded ({@link RawJson}) responses against the route's schema too. */
  readonly checkRawResponses: boolean;
}

/** Defaults: 1 MiB bodies, 600 requests a minute per address, 30 s to send a request, 10 s to drain. */
export const DEFAULT_LIMITS: NetLimits = Object.freeze({
  bodyLimit: 1024 * 1024,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownTimeoutMs: 10_000,
  checkRawResponses: true,
});

/** Fills the limits not given with the defaults and checks that each is a positive integer. */
export function resolveLimits(given: Partial<NetLimits> = {}): NetLimits {
  const l: NetLimits = { ...DEFAULT_LIMITS, ...given };
  for (const [k, v] of Object.entries(l)) {
    if (typeof v === 'number' && !(Number.isSafeInteger(v) && v > 0))
      throw new RangeError(`limit ${k} must be a positive integer, got ${v}`);
  }
  return l;
}
