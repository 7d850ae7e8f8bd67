/** Decoding the encrypted tally of an election view with the scheme's strict ciphertext decoder. */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, within } from '../../../crypto/result.js';
import type { EncryptedTally } from '../../../protocol/tally.js';

/** Most questions, and options per question, a tally may have. */
const MAX_ENTRIES = 1000;

/** Decodes a tally (a list of rows of ciphertexts), each ciphertext with `ct`. Never throws. */
export function decodeTally<C>(ct: (v: unknown) => Result<C>, json: JsonValue): Result<EncryptedTally<C>> {
  if (!Array.isArray(json) || json.length === 0 || json.length > MAX_ENTRIES)
    return fail('CIPHERTEXT_INVALID', 'the tally must be a non-empty list of rows');
  const out: C[][] = [];
  for (let q = 0; q < json.length; q++) {
    const row = json[q];
    if (!Array.isArray(row) || row.length === 0 || row.length > MAX_ENTRIES)
      return fail('CIPHERTEXT_INVALID', `tally row ${q} must be a non-empty list`);
    const cts: C[] = [];
    for (let o = 0; o < row.length; o++) {
      const c = ct(row[o]);
      if (!c.ok) return within(`tally[${q}][${o}]`, c);
      cts.push(c.value);
    }
    out.push(cts);
  }
  return ok(out);
}
