/**
 * The one error model of the HTTP layer.
 *
 * Every 4xx/5xx response body is `{"error": {"code": "STABLE_CODE", "message": "sentence"}}`. Codes come
 * from three lists: the crypto layer's {@link ERROR_CODES}, the ledger's {@link LEDGER_ERROR_CODES}, and
 * {@link NET_ERROR_CODES} below. {@link statusForCode} is the single place that maps a code to a status.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { ErrorCode } from '../crypto/result.js';
import type { LedgerErrorCode } from '../ledger/errors.js';

/** Stable codes added by the network layer (the ones marked "client" are never sent by a server). */
export const NET_ERROR_CODES = [
  'ROUTE_NOT_FOUND', // 404: no route has this method and path
  'NOT_FOUND', // 404: the route exists but the thing asked for does not
  'PARAMS_INVALID', // 400: path parameters do not match the route's schema
  'QUERY_INVALID', // 400: query string does not match the route's schema
  'BODY_INVALID', // 400: body is JSON but does not match the route's schema
  'BODY_TOO_LARGE', // 413: body exceeds the route's size limit
  'CONTENT_TYPE_UNSUPPORTED', // 415: the body is not application/json
  'REQUEST_INVALID', // 400: the HTTP request itself is malformed
  'UNAUTHORIZED', // 401: the route needs a bearer token and none or a wrong one was sent
  'FORBIDDEN', // 403: the caller may not use this route
  'RATE_LIMITED', // 429: too many requests from this address; retry later
  'SHUTTING_DOWN', // 503: the node is stopping and takes no new requests
  'INTERNAL', // 500: the server failed; nothing more is said to the caller
  'RESPONSE_INVALID', // 500 on a server, or client: a response does not match its route's schema
  'RESPONSE_TOO_LARGE', // client: the response exceeds the client's size limit
  'TIMEOUT', // client: no complete response within the time limit
  'ABORTED', // client: the caller aborted the request
  'UNREACHABLE', // client: no connection (refused, reset, DNS or proxy failure)
] as const;

/** A code of the network layer; see {@link NET_ERROR_CODES}. */
export type NetErrorCode = (typeof NET_ERROR_CODES)[number];

/** Any stable code an HTTP error body may carry. */
export type AnyErrorCode = ErrorCode | LedgerErrorCode | NetErrorCode;

/** A domain failure a handler may return (crypto `Failure` and ledger `LedgerFailure` both fit). */
export interface DomainFailure {
  readonly ok: false;
  readonly code: AnyErrorCode;
  readonly message: string;
}

/** Builds a {@link DomainFailure}, e.g. `netFail('NOT_FOUND', 'no block has this id')`. */
export function netFail(code: AnyErrorCode, message: string): DomainFailure {
  return { ok: false, code, message };
}

/** Status of codes that are not 422; every other domain code means "well-formed but refused" (422). */
const STATUS: Partial<Record<AnyErrorCode, number>> = {
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PARAMS_INVALID: 400,
  QUERY_INVALID: 400,
  BODY_INVALID: 400,
  REQUEST_INVALID: 400,
  JSON_INVALID: 400,
  ENCODING_INVALID: 400,
  ENCODING_NONCANONICAL: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TX_DUPLICATE: 409,
  APPROVAL_CONFLICT: 409,
  APPROVAL_PARENT_PENDING: 409,
  BLOCK_CONFLICTS_FINAL: 409,
  BODY_TOO_LARGE: 413,
  BLOCK_TOO_LARGE: 413,
  TX_TOO_LARGE: 413,
  CONTENT_TYPE_UNSUPPORTED: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  RESPONSE_INVALID: 500,
  MEMPOOL_FULL: 503,
  SHUTTING_DOWN: 503,
};

/** The HTTP status that goes with a code: the table above, else 422. */
export function statusForCode(code: AnyErrorCode): number {
  return STATUS[code] ?? 422;
}

/** Schema of every error body. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      { code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }), message: Type.String() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** An error body as sent on the wire. */
export type ErrorBody = Static<typeof ErrorBody>;

/** Builds the body for a code and sentence. */
export function errorBody(code: AnyErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/**
 * An HTTP failure raised inside the server pipeline (auth hook, body parser, rate limiter) and turned into
 * an error body by the error handler. Handlers return a {@link DomainFailure} instead of throwing.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly statusCode: number;
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    statusCode?: number,
  ) {
    super(message);
    this.statusCode = statusCode ?? statusForCode(code);
  }
}
