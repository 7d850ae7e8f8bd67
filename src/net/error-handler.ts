/**
 * Turns every failure in the server pipeline into the one error body, with the status of its code.
 * Validation, parser and rate-limit errors are mapped to net codes; anything unexpected is a 500
 * `INTERNAL` whose details go to the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type AnyErrorCode, errorBody, HttpError, statusForCode } from './errors.js';

/** Writes an error body for a code and sentence. */
export function sendError(reply: FastifyReply, code: AnyErrorCode, message: string, status?: number): void {
  void reply
    .code(status ?? statusForCode(code))
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(errorBody(code, message)));
}

const PART_CODE: Record<string, AnyErrorCode> = {
  body: 'BODY_INVALID',
  params: 'PARAMS_INVALID',
  querystring: 'QUERY_INVALID',
};

/** Maps a Fastify error to a code and sentence; `undefined` when it is not a known request error. */
function classify(e: FastifyError): { code: AnyErrorCode; message: string } | undefined {
  if (e.code === 'FST_ERR_VALIDATION') {
    const part = (e as FastifyError & { validationContext?: string }).validationContext ?? 'body';
    return { code: PART_CODE[part] ?? 'REQUEST_INVALID', message: e.message };
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { code: 'BODY_TOO_LARGE', message: 'the body is larger than this route accepts' };
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.code === 'FST_ERR_CTP_EMPTY_TYPE')
    return { code: 'CONTENT_TYPE_UNSUPPORTED', message: 'send the body as application/json' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { code: 'REQUEST_INVALID', message: 'the HTTP request is malformed' };
  return undefined;
}

/** Installs the error handler and the 404 handler on `app`. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((e: FastifyError, req, reply) => {
    if (e instanceof HttpError) return sendError(reply, e.code, e.message, e.statusCode);
    const known = classify(e);
    if (known) return sendError(reply, known.code, known.message);
    req.log.error({ err: { name: e.name, message: e.message, stack: e.stack } }, 'handler failed');
    sendError(reply, 'INTERNAL', 'the server failed to handle the request');
  });
  app.setNotFoundHandler((req, reply) => {
    sendError(reply, 'ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`);
  });
}
