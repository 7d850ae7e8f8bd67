/**
 * From a registrar result to a handler output. Codes of the lower layers are returned as failures (the
 * net layer picks their status); the registrar's own codes are raised as `HttpError` with the status of
 * {@link REGISTRAR_ERROR_STATUS}, which the net error handler sends as the same one error body
 * `{"error":{"code","message"}}`. (When the net layer's code list learns the registrar codes, this
 * becomes a plain return.)
 */
import { ok } from '../../../../crypto/result.js';
import { type AnyErrorCode, type DomainFailure, HttpError } from '../../../../net/errors.js';
import type { HandlerOutput } from '../../../../net/handlers.js';
import { isRegistrarCode, REGISTRAR_ERROR_STATUS, type RegFailure, type RegResult } from '../errors.js';

/** The failure as a net failure, or a raised `HttpError` for registrar codes. */
export function failure(f: RegFailure): DomainFailure {
  if (isRegistrarCode(f.code))
    throw new HttpError(f.code as unknown as AnyErrorCode, f.message, REGISTRAR_ERROR_STATUS[f.code]);
  return { ok: false, code: f.code, message: f.message };
}

/** A result as a handler output, mapping the value on success. */
export function output<T, U>(r: RegResult<T>, map: (v: T) => U): HandlerOutput<U> {
  return r.ok ? ok(map(r.value)) : failure(r);
}
