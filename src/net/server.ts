/**
 * The HTTP server of a node: a route table and its handlers on Fastify, with `GET /health`, strict JSON,
 * the one error body, per-address rate limits, body-size limits, structured logs without bodies or
 * secrets, optional padding, and a start/stop lifecycle that drains in-flight requests on stop.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { ok } from '../crypto/result.js';
import { type Authorizer, bearerAuthorizer } from './auth.js';
import { installErrorHandlers } from './error-handler.js';
import { HttpError } from './errors.js';
import type { Handlers } from './handlers.js';
import { BASE_ROUTES } from './health.js';
import { installJsonParser } from './json-body.js';
import { type NetLimits, resolveLimits } from './limits.js';
import { checkPadding, type PaddingOptions, padJson } from './padding.js';
import { installValidator, registerRoutes } from './register.js';
import { checkRouteTable, type RouteTable } from './routes.js';
import { installCors, installWebApp } from './web.js';

/** A resource the server closes after its last request (a store, a worker pool, …). */
export interface Closable {
  readonly name: string;
  close(): Promise<void> | void;
}

/** Everything {@link createServer} needs. */
export interface ServerOptions<T extends RouteTable> {
  readonly routes: T;
  readonly handlers: Handlers<T>;
  /** A pino logger; request lines carry method, route pattern, status and time — never bodies or headers. */
  readonly logger: Logger;
  readonly limits?: Partial<NetLimits>;
  /** Address to listen on; default 127.0.0.1 (put Tor or a reverse proxy in front for the outside). */
  readonly host?: string;
  /** Port; default 0 (any free port). */
  readonly port?: number;
  /** Bearer token of `admin` routes; without it they are refused. Ignored when `authorize` is given. */
  readonly adminToken?: string;
  /** Replaces the default {@link bearerAuthorizer}. */
  readonly authorize?: Authorizer;
  /** Pads every response body to a size bucket (off by default). */
  readonly padding?: PaddingOptions;
  /** Closed in reverse order after the server has stopped. */
  readonly resources?: readonly Closable[];
  /** Serve HTTPS with this PEM key and certificate (onion services need none: Tor encrypts end to end). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Serve the web app built in this folder (`dist/web`) at `/` and its page paths. */
  readonly webRoot?: string;
}

/** A node's HTTP server with a lifecycle. */
export interface NetServer {
  readonly app: FastifyInstance;
  /** Starts listening and resolves with the base URL, e.g. `http://127.0.0.1:41234`. */
  start(): Promise<string>;
  /**
   * Refuses new requests with 503 `SHUTTING_DOWN`, lets in-flight ones finish (cutting them after
   * `shutdownTimeoutMs`), then closes the resources. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/** Builds a server; nothing listens until `start()`. Throws on an inconsistent route table. */
export function createServer<T extends RouteTable>(opts: ServerOptions<T>): NetServer {
  const limits = resolveLimits(opts.limits);
  const log = opts.logger;
  checkRouteTable({ ...BASE_ROUTES, ...opts.routes });
  const padding = opts.padding && checkPadding(opts.padding);
  const common = {
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // one line per request, below
    return503OnClosing: false,
    trustProxy: false,
    bodyLimit: limits.bodyLimit,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    forceCloseConnections: 'idle',
  } as const;
  // the rest of the layer does not depend on the transport under Fastify, so both are one type here
  const app = (opts.tls
    ? Fastify({ ...common, https: { key: opts.tls.key, cert: opts.tls.cert } })
    : Fastify(common)) as unknown as FastifyInstance;
  let closing = false;
  const startedAt = Date.now();

  // refuse new work once stopping; answer with "Connection: close" so clients do not reuse the socket
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new HttpError('SHUTTING_DOWN', 'the node is shutting down; try another node or later');
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return padding && typeof payload === 'string' ? padJson(payload, padding) : payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const line = { method: req.method, route: req.routeOptions.url ?? '(none)', status: reply.statusCode };
    req.log.info({ ...line, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  installErrorHandlers(app);
  installJsonParser(app);
  installValidator(app);
  void app.register(rateLimit, {
    global: true,
    max: limits.rateLimitMax,
    timeWindow: limits.rateLimitWindowMs,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError('RATE_LIMITED', `too many requests from this address; retry in ${ctx.after}`),
  });
  installCors(app);
  if (opts.webRoot !== undefined) installWebApp(app, opts.webRoot);
  const authorize = opts.authorize ?? bearerAuthorizer(opts.adminToken);
  void app.register(async (scope) => {
    registerRoutes(
      scope,
      BASE_ROUTES,
      { health: () => ok({ status: 'ok', uptime_ms: Date.now() - startedAt }) },
      authorize,
      limits,
    );
    registerRoutes(scope, opts.routes, opts.handlers, authorize, limits);
  });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    closing = true;
    const cut = setTimeout(() => {
      log.warn('requests still running after the shutdown timeout; closing their connections');
      app.server.closeAllConnections();
    }, limits.shutdownTimeoutMs);
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
    }
    for (const r of [...(opts.resources ?? [])].reverse()) {
      try {
        await r.close();
      } catch (e) {
        log.error({ resource: r.name, err: e instanceof Error ? e.message : String(e) }, 'closing failed');
      }
    }
    log.info('server stopped');
  };

  return {
    app,
    start: () => app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 }),
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
