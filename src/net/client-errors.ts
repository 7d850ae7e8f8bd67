/**
 * Errors a client call can throw: {@link RemoteError} when the server answered with an error body,
 * {@link TransportError} when no valid answer arrived (timeout, abort, no connection, invalid response).
 */
import type { AnyErrorCode, NetErrorCode } from './errors.js';

/** A code read from a server; known codes are typed, newer servers may send codes this build lacks. */
export type RemoteCode = AnyErrorCode | (string & {});

/** The server answered with a 4xx/5xx error body carrying a stable code. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly status: number,
    readonly code: RemoteCode,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

/** Codes of failures detected on the client side. */
export type TransportCode = Extract<
  NetErrorCode,
  'TIMEOUT' | 'ABORTED' | 'UNREACHABLE' | 'RESPONSE_INVALID' | 'RESPONSE_TOO_LARGE'
>;

/** No valid answer: the request timed out, was aborted, could not connect, or the response was bad. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportCode,
    message: string,
    readonly status?: number,
  ) {
    super(`${code}: ${message}`);
  }
}
