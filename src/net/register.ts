/**
 * Registers a route table on a Fastify instance: per route, the schemas of params, query and body are
 * checked before the handler runs (TypeBox compiler, exact integers), the caller is authorized before
 * the body is read, and the handler's output is checked against the response schema before it is sent.
 */
import { Readable } from 'node:stream';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, type JsonValue, parseJson } from '../crypto/encoding/canonical-json.js';
import type { Authorizer } from './auth.js';
import { sendError } from './error-handler.js';
import { HttpError } from './errors.js';
import type { Handler, HandlerInput, Handlers } from './handlers.js';
import { RawJson } from './json-body.js';
import type { NetLimits } from './limits.js';
import { type AnyRoute, checkRouteTable, hasNoBody, type RouteTable } from './routes.js';
import { coerceStrings, compileCheck, type SchemaCheck } from './schema.js';
import { RawStream, withNewlines } from './stream.js';

/** Makes Fastify check request parts with TypeBox (see `schema.ts`), turning strings in params/query to integers. */
export function installValidator(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema: given, httpPart }) => {
    const schema = given as TSchema; // every schema registered here comes from a TypeBox route table
    const check = compileCheck(schema);
    const fromText = httpPart === 'params' || httpPart === 'querystring';
    return (data: unknown) => {
      const value = fromText ? coerceStrings(schema, data) : data;
      const problem = check(value);
      return problem === undefined ? { value } : { error: new Error(`${httpPart}: ${problem}`) };
    };
  });
}

/** The response text for a handler's value, or the reason it may not be sent. */
function render(
  value: unknown,
  check: SchemaCheck,
  checkRaw: boolean,
): { text: string } | { problem: string } {
  if (value instanceof RawJson) {
    if (!checkRaw) return { text: value.text };
    const parsed = parseJson(value.text);
    if (!parsed.ok) return { problem: `raw response is not JSON: ${parsed.message}` };
    const problem = check(parsed.value);
    return problem === undefined ? { text: value.text } : { problem };
  }
  const problem = check(value);
  if (problem !== undefined) return { problem };
  try {
    return { text: canonicalJson(value as JsonValue) };
  } catch {
    return { problem: 'a value has no canonical JSON form (float, unsafe number or non-plain object)' };
  }
}

/** Aborts when the client disconnects before the response is complete. */
function disconnectSignal(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort(new Error('the client went away'));
  });
  return ac.signal;
}

/** The rate-limit plugin's route config: `false` to exempt, the route's own limit, or the global one. */
function rateLimitConfig(r: AnyRoute): false | { max: number; timeWindow: number } | undefined {
  if (r.rateLimit === 'none') return false;
  return r.rateLimit && { max: r.rateLimit.max, timeWindow: r.rateLimit.timeWindowMs };
}

function handlerFor(name: string, r: AnyRoute, h: Handler<AnyRoute>, limits: NetLimits) {
  const checkResponse = compileCheck(r.response);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const input: HandlerInput<AnyRoute> = {
      params: req.params,
      query: req.query,
      body: hasNoBody(r) ? undefined : req.body, // a body sent to a bodiless route is ignored
      caller: r.caller,
      ip: req.ip,
      signal: disconnectSignal(reply),
      log: req.log,
    };
    const out = await h(input);
    if (!out.ok) {
      sendError(reply, out.code, out.message);
      return reply;
    }
    // a stream goes out only on an ndjson route, and an ndjson route sends nothing else
    if (out.value instanceof RawStream !== (r.produces === 'ndjson')) {
      req.log.error({ route: name }, 'a stream on a JSON route or a value on an ndjson route');
      sendError(reply, 'RESPONSE_INVALID', 'the server produced an invalid response');
      return reply;
    }
    if (out.value instanceof RawStream)
      return reply
        .code(200)
        .type('application/x-ndjson; charset=utf-8')
        .send(Readable.from(withNewlines(out.value.lines)));
    const rendered = render(out.value, checkResponse, limits.checkRawResponses);
    if ('problem' in rendered) {
      req.log.error({ route: name, problem: rendered.problem }, 'response does not match its schema');
      sendError(reply, 'RESPONSE_INVALID', 'the server produced an invalid response');
      return reply;
    }
    return reply.code(200).type('application/json; charset=utf-8').send(rendered.text);
  };
}

/** Registers every route of `table` with its handler; throws if the table is inconsistent. */
export function registerRoutes<T extends RouteTable>(
  app: FastifyInstance,
  table: T,
  handlers: Handlers<T>,
  authorize: Authorizer,
  limits: NetLimits,
): void {
  checkRouteTable(table);
  for (const [name, r] of Object.entries(table)) {
    const h = handlers[name] as unknown as Handler<AnyRoute> | undefined;
    if (h === undefined) throw new Error(`route ${name} has no handler`);
    app.route({
      method: r.method,
      url: r.path,
      bodyLimit: r.bodyLimit ?? limits.bodyLimit,
      schema: { params: r.params, querystring: r.query, ...(hasNoBody(r) ? {} : { body: r.body }) },
      config: { rateLimit: rateLimitConfig(r) },
      // after the rate limit (onRequest), before the body is read
      preParsing: async (req, _reply, payload) => {
        const refused = authorize(r.caller, { headers: req.headers, ip: req.ip });
        if (refused) throw new HttpError(refused.code, refused.message);
        return payload;
      },
      handler: handlerFor(name, r, h, limits),
    });
  }
}
