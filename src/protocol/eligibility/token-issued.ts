/**
 * The registrar's `token_issued` record (blind-token mode, seed 001): how many voting tokens it has
 * issued so far, and nothing about to whom or on which key.
 *
 * `{"election": fingerprint, "total": n, "sig": 128 hex}` — `total` is cumulative, strictly increasing from
 * one record to the next and at most the roll count; `sig` is the registrar's Ed25519 signature in the
 * domain `election/token-issued` over the record without `sig`.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, within } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import type { ElectionDefinition } from '../election/definition.js';
import { readHex, readHex32, readInt, readObject } from '../election/fields.js';

/** Signing domain of `token_issued` records. */
export const TOKEN_ISSUED_DOMAIN = 'election/token-issued';

/** A `token_issued` record. */
export interface TokenIssued {
  readonly election: string;
  readonly total: number;
  readonly sig: string;
}

const C = 'ELIGIBILITY_INVALID';

function payload(r: Omit<TokenIssued, 'sig'>): JsonObject {
  return { election: r.election, total: r.total };
}

/** The record as JSON. */
export function tokenIssuedToJson(r: TokenIssued): JsonObject {
  return { ...payload(r), sig: r.sig };
}

/** Registrar side: signs the running total of issued tokens. */
export function createTokenIssued(
  ed: Ed25519,
  registrarSecret: Uint8Array,
  fingerprint: string,
  total: number,
): TokenIssued {
  const unsigned = { election: fingerprint, total };
  return { ...unsigned, sig: signJson(ed, registrarSecret, TOKEN_ISSUED_DOMAIN, payload(unsigned)) };
}

/**
 * Checks a `token_issued` record: shape, election, `1 ≤ total ≤ roll count` (`ELIGIBILITY_INVALID`), and
 * the registrar's signature (`SIGNATURE_INVALID`). Monotonicity is checked when the record is applied.
 */
export function checkTokenIssued(
  ed: Ed25519,
  election: ElectionDefinition,
  fingerprint: string,
  v: unknown,
): Result<TokenIssued> {
  const o = readObject(C, v, 'token_issued', ['election', 'total', 'sig']);
  if (!o.ok) return o;
  const fp = readHex32(C, o.value.election, 'token_issued.election');
  if (!fp.ok) return fp;
  if (fp.value !== fingerprint)
    return fail(C, 'token_issued.election is not the fingerprint of this election');
  const total = readInt(C, o.value.total, 'token_issued.total', 1, election.roll.count);
  if (!total.ok) return total;
  const sig = readHex(C, o.value.sig, 'token_issued.sig', 64);
  if (!sig.ok) return sig;
  const record = { election: fp.value, total: total.value, sig: sig.value };
  const s = verifyJson(ed, election.registrar, TOKEN_ISSUED_DOMAIN, payload(record), record.sig);
  return s.ok ? ok(record) : within('token_issued', s);
}
