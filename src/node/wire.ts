/**
 * Fast exact parsing of canonical JSON received from peers. `JSON.parse` is an order of magnitude
 * faster than the exact parser but rounds integers beyond 2^53; so the text is parsed with `JSON.parse`
 * and accepted only if re-encoding the value gives the same text byte for byte. A rounded integer, a
 * float, a duplicate key or any non-canonical spelling changes the re-encoding (or makes it throw), and
 * the text then goes through the exact parser {@link parseJson}, which keeps big integers and applies
 * every strictness rule.
 */
import { canonicalJson, type JsonValue, parseJson } from '../crypto/encoding/canonical-json.js';
import type { Result } from '../crypto/result.js';
import { ok } from '../crypto/result.js';

/** Parses JSON text exactly; fast when the text is canonical. */
export function parseWire(text: string): Result<JsonValue> {
  // `__proto__` keys are refused by the exact parser; never take the fast path for them.
  if (!text.includes('"__proto__"')) {
    try {
      const v = JSON.parse(text) as JsonValue;
      if (canonicalJson(v) === text) return ok(v);
    } catch {
      // not canonical or not JSON: the exact parser says which
    }
  }
  return parseJson(text);
}
