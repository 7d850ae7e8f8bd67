/**
 * JSON on the wire with exact integers.
 *
 * Requests: the only accepted body type is `application/json`; the bytes must be valid UTF-8 and strict
 * JSON as read by `parseJson` (exact big integers, duplicate keys rejected, no floats), else 400
 * `JSON_INVALID`. Responses: handlers return a `JsonValue` (with bigints), which is written as canonical
 * JSON, or a {@link RawJson} holding JSON text that is already encoded (e.g. a stored block).
 */
import type { FastifyInstance } from 'fastify';
import { parseJson } from '../crypto/encoding/canonical-json.js';
import { HttpError } from './errors.js';

/** JSON text produced elsewhere (typically canonical JSON read from the store), sent as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Wraps JSON text so a handler can return it without parsing and re-encoding. */
export function rawJson(text: string): RawJson {
  return new RawJson(text);
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a body's bytes and parses them with `parseJson`; throws {@link HttpError} `JSON_INVALID`. */
export function parseBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8Strict.decode(bytes);
  } catch {
    throw new HttpError('JSON_INVALID', 'the body is not valid UTF-8');
  }
  const r = parseJson(text);
  if (!r.ok) throw new HttpError('JSON_INVALID', `the body is not strict JSON: ${r.message}`);
  return r.value;
}

/** Replaces every body parser of `app` with the strict JSON parser above (other types get 415). */
export function installJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
