/** The shape of the functions that implement a route table on a server. */
import type { FastifyBaseLogger } from 'fastify';
import type { JsonValue } from '../crypto/encoding/canonical-json.js';
import type { Success } from '../crypto/result.js';
import type { DomainFailure } from './errors.js';
import type { RawJson } from './json-body.js';
import type { AnyRoute, BodyOf, Caller, ParamsOf, QueryOf, ResponseOf, RouteTable } from './routes.js';
import type { RawStream } from './stream.js';

/** What a handler receives: the request parts, already validated against the route's schemas. */
export interface HandlerInput<D extends AnyRoute> {
  readonly params: ParamsOf<D>;
  readonly query: QueryOf<D>;
  readonly body: BodyOf<D>;
  /** The caller class the request was let in as. */
  readonly caller: Caller;
  /** The client's address (for onion services this is the local Tor daemon). */
  readonly ip: string;
  /** Aborted when the client goes away before the response is sent. */
  readonly signal: AbortSignal;
  /** The request's logger (carries the request id); never log bodies or secrets with it. */
  readonly log: FastifyBaseLogger;
}

/**
 * What a handler returns: `ok(value)` (a value matching the response schema, bigints allowed),
 * `ok(rawJson(text))` (JSON text already encoded), `ok(rawStream(lines))` (only on `ndjson` routes), or a
 * failure whose code picks the 4xx status.
 */
export type HandlerOutput<T> = Success<T | RawJson | RawStream> | DomainFailure;

/** Implements one route. Throwing is a bug and becomes a 500 `INTERNAL`; bad input is a returned failure. */
export type Handler<D extends AnyRoute> = (
  input: HandlerInput<D>,
) => HandlerOutput<ResponseOf<D>> | Promise<HandlerOutput<ResponseOf<D>>>;

/** One handler per route of a table. */
export type Handlers<T extends RouteTable> = { readonly [K in keyof T]: Handler<T[K]> };

/** A value that can be sent as JSON (re-exported for handler authors). */
export type { JsonValue };
