/**
 * The route table: every endpoint is defined once, as data, and feeds both the server
 * (`registerRoutes`) and the typed client (`createClient`).
 */
import { type Static, type TObject, type TSchema, type TUndefined, Type } from '@sinclair/typebox';

/** Who may call a route; the server's authorizer decides (see docs/net.md). */
export const CALLERS = ['public', 'peer', 'admin'] as const;

/** A caller class; see {@link CALLERS}. */
export type Caller = (typeof CALLERS)[number];

/** Methods a route may use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Schema of a route without path parameters or without query string. */
export type TNone = TObject<Record<never, never>>;

/** Schema marking a route without request body. */
export type TNoBody = TUndefined;

/** What a route answers: one JSON value (default) or a stream of JSON lines (see `stream.ts`). */
export type Produces = 'json' | 'ndjson';

/** A per-route rate limit that replaces the server-wide one. */
export interface RouteRateLimit {
  readonly max: number;
  readonly timeWindowMs: number;
}

/** One endpoint: method, path, schemas of every part, allowed caller and limits. */
export interface RouteSpec<P extends TSchema, Q extends TSchema, B extends TSchema, R extends TSchema> {
  readonly method: HttpMethod;
  /** Path with `:name` parameters, e.g. `/blocks/:id`. */
  readonly path: string;
  /** One sentence for docs and logs. */
  readonly summary: string;
  readonly caller: Caller;
  readonly params: P;
  readonly query: Q;
  /** The body schema, or `NO_BODY`. */
  readonly body: B;
  /** Schema of the success (2xx) response; for `ndjson` routes `Type.String()` (the client gets the text). */
  readonly response: R;
  /** Largest accepted body in bytes; the server's default when absent. */
  readonly bodyLimit?: number;
  /** Per-route rate limit, or `'none'` to exempt the route; the server-wide limit when absent. */
  readonly rateLimit?: RouteRateLimit | 'none';
  /** `ndjson`: the route streams JSON lines; default `json`. */
  readonly produces?: Produces;
  /** Sending the request twice has the effect of sending it once (GET always is): see the transport's retry. */
  readonly idempotent?: boolean;
}

/** Any route spec. */
export type AnyRoute = RouteSpec<TSchema, TSchema, TSchema, TSchema>;

/** A route table: route name → spec. The names become the client's method names. */
export type RouteTable = Readonly<Record<string, AnyRoute>>;

/** The body schema of routes without body. */
export const NO_BODY: TNoBody = Type.Undefined();

const none = (): TNone => Type.Object({}, { additionalProperties: false });

/** What {@link route} needs; `params`, `query` and `body` default to "none". */
export interface RouteInit<P extends TSchema, Q extends TSchema, B extends TSchema, R extends TSchema> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly caller: Caller;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly bodyLimit?: number;
  readonly rateLimit?: RouteRateLimit | 'none';
  readonly produces?: Produces;
  readonly idempotent?: boolean;
}

/** Defines a route, filling the parts it does not have. */
export function route<
  R extends TSchema,
  P extends TSchema = TNone,
  Q extends TSchema = TNone,
  B extends TSchema = TNoBody,
>(init: RouteInit<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return {
    ...init,
    params: init.params ?? (none() as TSchema as P),
    query: init.query ?? (none() as TSchema as Q),
    body: init.body ?? (NO_BODY as TSchema as B),
  };
}

/** True when the route takes no body. */
export function hasNoBody(r: AnyRoute): boolean {
  return r.body.type === 'undefined' || r.body === NO_BODY;
}

/** Path-parameter values of a route. */
export type ParamsOf<D extends AnyRoute> = Static<D['params']>;
/** Query values of a route. */
export type QueryOf<D extends AnyRoute> = Static<D['query']>;
/** Body value of a route. */
export type BodyOf<D extends AnyRoute> = Static<D['body']>;
/** Success response value of a route. */
export type ResponseOf<D extends AnyRoute> = Static<D['response']>;

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the `:name` parameters in a path. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]!);
}

/**
 * Checks a table for programming errors and throws on the first one: a path not starting with `/`,
 * parameters in the path that differ from the params schema, a body on GET, an `ndjson` route whose
 * response schema is not a string, or a duplicate method+path.
 */
export function checkRouteTable(table: RouteTable): void {
  const seen = new Set<string>();
  for (const [name, r] of Object.entries(table)) {
    if (!r.path.startsWith('/')) throw new Error(`route ${name}: path must start with /`);
    const inPath = pathParams(r.path).sort().join(',');
    const props: unknown = r.params.properties;
    const inSchema = Object.keys(typeof props === 'object' && props !== null ? props : {})
      .sort()
      .join(',');
    if (inPath !== inSchema)
      throw new Error(`route ${name}: path parameters [${inPath}] ≠ schema [${inSchema}]`);
    if (r.method === 'GET' && !hasNoBody(r)) throw new Error(`route ${name}: GET routes take no body`);
    if (r.produces === 'ndjson' && r.response.type !== 'string')
      throw new Error(`route ${name}: an ndjson route's response schema is Type.String()`);
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) throw new Error(`route ${name}: ${key} is defined twice`);
    seen.add(key);
  }
}
