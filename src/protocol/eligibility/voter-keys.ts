/**
 * The registrar's `voter_keys` publication (identity-keys mode, seed 000): eligible voting keys and, for
 * each, the ballot boxes it was assigned.
 *
 * `{"election": fingerprint, "voters": [{"key": 64 hex, "boxes": [box id, …]}, …], "sig": 128 hex}` —
 * voters sorted by key, keys distinct and passing the byte checks of the Ed25519 policy (curve membership
 * is left to the signature checks the keys are used for); each voter's boxes non-empty, sorted, distinct and allow-listed.
 * `sig` is the registrar's Ed25519 signature in the domain `election/voter-keys` over the record without
 * `sig`. A record lists at most {@link MAX_VOTERS_PER_RECORD} voters; larger rolls use several records.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, within } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import { findBox } from '../election/boxes.js';
import type { ElectionDefinition } from '../election/definition.js';
import {
  checkSorted,
  readHex,
  readHex32,
  readId,
  readList,
  readObject,
  readPublicKeyEncoding,
} from '../election/fields.js';

/** Signing domain of `voter_keys` records. */
export const VOTER_KEYS_DOMAIN = 'election/voter-keys';
/** Most voters in one record (keeps a record well under the ledger's transaction size limit). */
export const MAX_VOTERS_PER_RECORD = 1000;

/** One eligible voting key and its assigned boxes. */
export interface VoterEntry {
  readonly key: string;
  readonly boxes: readonly string[];
}

/** A `voter_keys` record. */
export interface VoterKeys {
  readonly election: string;
  readonly voters: readonly VoterEntry[];
  readonly sig: string;
}

const C = 'ELIGIBILITY_INVALID';

function payload(r: Omit<VoterKeys, 'sig'>): JsonObject {
  return { election: r.election, voters: r.voters.map((v) => ({ key: v.key, boxes: [...v.boxes] })) };
}

/** The record as JSON. */
export function voterKeysToJson(r: VoterKeys): JsonObject {
  return { ...payload(r), sig: r.sig };
}

/** Registrar side: signs a record (entries and their boxes are sorted here). */
export function createVoterKeys(
  ed: Ed25519,
  registrarSecret: Uint8Array,
  fingerprint: string,
  voters: readonly VoterEntry[],
): VoterKeys {
  const sorted = [...voters]
    .map((v) => ({ key: v.key, boxes: [...v.boxes].sort() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const unsigned = { election: fingerprint, voters: sorted };
  return { ...unsigned, sig: signJson(ed, registrarSecret, VOTER_KEYS_DOMAIN, payload(unsigned)) };
}

function readEntry(election: ElectionDefinition, v: unknown, what: string): Result<VoterEntry> {
  const o = readObject(C, v, what, ['key', 'boxes']);
  if (!o.ok) return o;
  const key = readPublicKeyEncoding(C, o.value.key, `${what}.key`);
  if (!key.ok) return key;
  const boxes = readList(C, o.value.boxes, `${what}.boxes`, 1, election.boxes.length, (x, w) =>
    readId(C, x, w),
  );
  if (!boxes.ok) return boxes;
  const sorted = checkSorted(C, boxes.value, `${what}.boxes`);
  if (!sorted.ok) return sorted;
  // Only allow-listed boxes may be assigned.
  for (const b of boxes.value)
    if (!findBox(election.boxes, b)) return fail(C, `${what}.boxes: "${b}" is not allow-listed`);
  return ok({ key: key.value, boxes: boxes.value });
}

/**
 * Checks a `voter_keys` record of `election` (fingerprint `fingerprint`): shape, sorting, allow-listed
 * boxes (`ELIGIBILITY_INVALID`), and the registrar's signature (`SIGNATURE_INVALID`). Never throws.
 */
export function checkVoterKeys(
  ed: Ed25519,
  election: ElectionDefinition,
  fingerprint: string,
  v: unknown,
): Result<VoterKeys> {
  const o = readObject(C, v, 'voter_keys', ['election', 'voters', 'sig']);
  if (!o.ok) return o;
  const fp = readHex32(C, o.value.election, 'voter_keys.election');
  if (!fp.ok) return fp;
  if (fp.value !== fingerprint) return fail(C, 'voter_keys.election is not the fingerprint of this election');
  const voters = readList(C, o.value.voters, 'voter_keys.voters', 1, MAX_VOTERS_PER_RECORD, (x, w) =>
    readEntry(election, x, w),
  );
  if (!voters.ok) return voters;
  const sorted = checkSorted(
    C,
    voters.value.map((x) => x.key),
    'voter_keys.voters keys',
  );
  if (!sorted.ok) return sorted;
  const sig = readHex(C, o.value.sig, 'voter_keys.sig', 64);
  if (!sig.ok) return sig;
  const record = { election: fp.value, voters: voters.value, sig: sig.value };
  // The registrar of the election signed exactly this list.
  const s = verifyJson(ed, election.registrar, VOTER_KEYS_DOMAIN, payload(record), record.sig);
  return s.ok ? ok(record) : within('voter_keys', s);
}
