/**
 * The cast ballot: the envelope a voter sends to every ballot box it was given.
 *
 * `{"election": fingerprint, "ballot_id": 64 hex, "voter_key": 64 hex, "ballot": {…}, "token"?: {…},
 *   "sig": 128 hex}` — `sig` is the voter's Ed25519 signature, in the domain `election/cast`, over the
 * same object without `sig`. `token` is present exactly in blind-token elections. The ballot tracker is
 * the hex SHA-256 of the canonical JSON of the whole cast, signature included.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { isJsonObject } from '../../crypto/encoding/canonical-json.js';
import { hashJsonHex } from '../../crypto/encoding/hash.js';
import { fail, ok, type Result } from '../../crypto/result.js';
import { readHex, readHex32, readObject } from '../election/fields.js';
import { readVotingToken, type VotingToken, votingTokenToJson } from '../eligibility/token.js';

/** Signing domain of cast ballots. */
export const CAST_DOMAIN = 'election/cast';

/** A cast ballot (shape-checked; signature and proofs are checked by `checkCast`). */
export interface CastBallot {
  /** Election fingerprint. */
  readonly election: string;
  /** The voter's random ballot id (seed 000's "made-up id"). */
  readonly ballot_id: string;
  /** The voter's Ed25519 voting key. */
  readonly voter_key: string;
  /** The encrypted ballot (`createBallot` output). */
  readonly ballot: JsonObject;
  /** The voting token (blind-token elections only). */
  readonly token?: VotingToken;
  /** Voter signature (hex). */
  readonly sig: string;
}

/** The signed part of a cast ballot. */
export type UnsignedCast = Omit<CastBallot, 'sig'>;

/** The payload signed by the voter: the cast without `sig`. */
export function castPayload(c: UnsignedCast): JsonObject {
  const out: JsonObject = {
    election: c.election,
    ballot_id: c.ballot_id,
    voter_key: c.voter_key,
    ballot: c.ballot,
  };
  if (c.token) out.token = votingTokenToJson(c.token);
  return out;
}

/** The cast as JSON. */
export function castToJson(c: CastBallot): JsonObject {
  return { ...castPayload(c), sig: c.sig };
}

/** The ballot tracker: hex SHA-256 of the canonical cast. */
export function castTracker(c: CastBallot): string {
  return hashJsonHex(castToJson(c));
}

/**
 * Strict reader of a cast's envelope. `CAST_INVALID` for a bad field; a token's own fields fail with
 * `TOKEN_INVALID`. The ballot is only required to be an object here.
 */
export function readCast(v: unknown): Result<CastBallot> {
  const C = 'CAST_INVALID';
  const o = readObject(C, v, 'cast', ['election', 'ballot_id', 'voter_key', 'ballot', 'sig'], ['token']);
  if (!o.ok) return o;
  const c = o.value;
  const election = readHex32(C, c.election, 'cast.election');
  if (!election.ok) return election;
  const ballotId = readHex32(C, c.ballot_id, 'cast.ballot_id');
  if (!ballotId.ok) return ballotId;
  const voterKey = readHex32(C, c.voter_key, 'cast.voter_key');
  if (!voterKey.ok) return voterKey;
  if (!isJsonObject(c.ballot)) return fail(C, 'cast.ballot must be a JSON object');
  const sig = readHex(C, c.sig, 'cast.sig', 64);
  if (!sig.ok) return sig;
  const base = {
    election: election.value,
    ballot_id: ballotId.value,
    voter_key: voterKey.value,
    ballot: c.ballot,
  };
  if (c.token === undefined) return ok({ ...base, sig: sig.value });
  const token = readVotingToken(c.token, 'cast.token');
  if (!token.ok) return token;
  return ok({ ...base, token: token.value, sig: sig.value });
}
