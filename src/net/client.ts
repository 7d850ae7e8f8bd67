/**
 * The typed client of a route table: one method per route, named as in the table, taking the route's
 * params/query/body and resolving with its response, checked against the response schema. Error bodies
 * become {@link RemoteError}; timeouts, aborts, connection and response failures {@link TransportError}.
 */
import type { Static, TSchema, TUndefined } from '@sinclair/typebox';
import { canonicalJson, type JsonValue, parseJson } from '../crypto/encoding/canonical-json.js';
import { RemoteError, TransportError } from './client-errors.js';
import { ErrorBody } from './errors.js';
import { randomDelayMs, type SendDelay, sleep } from './jitter.js';
import { checkPadding, type PaddingOptions, padJson } from './padding.js';
import { type AnyRoute, hasNoBody, type RouteTable } from './routes.js';
import { compileCheck, type SchemaCheck } from './schema.js';
import { createHttpTransport, type Transport } from './transport.js';
import { buildUrl } from './url.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** `socks5h://HOST:PORT`; ignored when `transport` is given. */
  readonly proxy?: string;
  /** PEM certificates trusted for https:// nodes; ignored when `transport` is given. */
  readonly ca?: string | Buffer;
  /** Per-call time limit in milliseconds; default 10 000. */
  readonly timeoutMs?: number;
  /** Aborts every call of this client (e.g. on node shutdown). */
  readonly signal?: AbortSignal;
  /** Sent as a bearer token on `admin` routes. */
  readonly adminToken?: string;
  /** Largest accepted response in bytes; default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** Pads request bodies to size buckets (off by default). */
  readonly padding?: PaddingOptions;
  /** Waits a random time before each request (gossip hardening; off by default). */
  readonly sendDelay?: SendDelay;
  /** A shared transport; by default each client makes its own without keep-alive. */
  readonly transport?: Transport;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Told the body text of a 2xx answer before it is parsed and checked (for callers that hand it on). */
  readonly onText?: (text: string) => void;
}

/** The type `{}`: an object type with no required member. */
type Empty = Record<never, never>;

type Part<K extends string, S extends TSchema> = S extends TUndefined
  ? Empty
  : Empty extends Static<S>
    ? { readonly [k in K]?: Static<S> }
    : { readonly [k in K]: Static<S> };

/** The argument of a client method: the route's params, query and body, each only when it has one. */
export type CallArgs<D extends AnyRoute> = Part<'params', D['params']> &
  Part<'query', D['query']> &
  Part<'body', D['body']>;

/** A client method; the argument may be left out when nothing in it is required. */
export type ClientMethod<D extends AnyRoute> =
  Empty extends CallArgs<D>
    ? (args?: CallArgs<D>, opts?: CallOptions) => Promise<Static<D['response']>>
    : (args: CallArgs<D>, opts?: CallOptions) => Promise<Static<D['response']>>;

/** The client of a table. */
export type Client<T extends RouteTable> = { readonly [K in keyof T]: ClientMethod<T[K]> };

interface RawArgs {
  readonly params?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
}

const checkErrorBody = compileCheck(ErrorBody);

/** Reads a response: the checked value (or, for ndjson routes, the text) on 2xx, else throws its error. */
function readResponse(status: number, text: string, check: SchemaCheck, lines: boolean): unknown {
  if (lines && status >= 200 && status < 300) return text;
  const parsed = parseJson(text);
  if (status >= 200 && status < 300) {
    if (!parsed.ok)
      throw new TransportError('RESPONSE_INVALID', `response is not JSON: ${parsed.message}`, status);
    const problem = check(parsed.value);
    if (problem !== undefined) throw new TransportError('RESPONSE_INVALID', problem, status);
    return parsed.value;
  }
  if (parsed.ok && checkErrorBody(parsed.value) === undefined) {
    const { error } = parsed.value as ErrorBody;
    throw new RemoteError(status, error.code, error.message);
  }
  throw new TransportError('RESPONSE_INVALID', `HTTP ${status} without an error body`, status);
}

/** Creates the typed client of `table` for the node at `baseUrl` (e.g. `http://abc….onion`). */
export function createClient<T extends RouteTable>(
  table: T,
  baseUrl: string,
  opts: ClientOptions = {},
): Client<T> {
  const transport =
    opts.transport ??
    createHttpTransport({
      ...(opts.proxy === undefined ? {} : { proxy: opts.proxy }),
      ...(opts.ca === undefined ? {} : { ca: opts.ca }),
    });
  const padding = opts.padding && checkPadding(opts.padding);
  const base = new URL(baseUrl);
  const methods: Record<string, (args?: RawArgs, call?: CallOptions) => Promise<unknown>> = {};
  for (const [name, r] of Object.entries(table)) {
    const check = compileCheck(r.response);
    methods[name] = async (args = {}, call = {}) => {
      // encode first: a body that is not JSON is the caller's bug and throws as such
      const headers: Record<string, string> = {
        accept: r.produces === 'ndjson' ? 'application/x-ndjson' : 'application/json',
      };
      if (r.caller === 'admin' && opts.adminToken !== undefined)
        headers.authorization = `Bearer ${opts.adminToken}`;
      let body: string | undefined;
      if (!hasNoBody(r)) {
        headers['content-type'] = 'application/json';
        body = canonicalJson(args.body as JsonValue);
        if (padding) body = padJson(body, padding);
      }
      const url = buildUrl(base, r.path, args.params ?? {}, args.query ?? {});
      const timeoutMs = call.timeoutMs ?? opts.timeoutMs ?? 10_000;
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new TransportError('TIMEOUT', `no response within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const signals = [timeout.signal, opts.signal, call.signal].filter((s) => s !== undefined);
      const signal = AbortSignal.any(signals);
      try {
        if (opts.sendDelay) await sleep(randomDelayMs(opts.sendDelay.maxMs, opts.sendDelay.rng), signal);
        const res = await transport.request({
          method: r.method,
          url,
          headers,
          signal,
          maxResponseBytes: opts.maxResponseBytes ?? 16 * 1024 * 1024,
          retryStale: r.method === 'GET' || r.idempotent === true,
          ...(body === undefined ? {} : { body }),
        });
        if (call.onText && res.status >= 200 && res.status < 300) call.onText(res.text);
        return readResponse(res.status, res.text, check, r.produces === 'ndjson');
      } catch (e) {
        throw asClientError(e);
      } finally {
        clearTimeout(timer);
      }
    };
  }
  return methods as unknown as Client<T>;
}

/** Keeps client errors; anything else (an abort reason that is not ours) becomes `ABORTED`. */
function asClientError(e: unknown): Error {
  if (e instanceof RemoteError || e instanceof TransportError) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new TransportError('ABORTED', `the call was aborted: ${why}`);
}
