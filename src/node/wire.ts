/**
 * Kept only for callers not yet switched to {@link parseJson}: the one-pass exact parser is now faster
 * than `JSON.parse` followed by a canonical re-encoding, so there is no separate wire parser any more.
 * To be deleted once no module imports it.
 */
import { type JsonValue, parseJson } from '../crypto/encoding/canonical-json.js';
import type { Result } from '../crypto/result.js';

/** Same as {@link parseJson}. @deprecated Use `parseJson`. */
export function parseWire(text: string): Result<JsonValue> {
  return parseJson(text);
}
