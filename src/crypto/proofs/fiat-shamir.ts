/**
 * Strong Fiat–Shamir: every challenge hashes a domain tag, the election fingerprint, an optional label
 * binding the proof to its place (question/option, voter key, trustee index…), the full statement and the
 * prover's commitments, as one canonical-JSON object. Canonical JSON is self-delimiting, so the input is
 * unambiguous.
 *
 * Input object (keys as hashed):
 * `{"commit": <commitments>, "fingerprint": <hex>, "group": <group or scheme name>, "label": <label|null>,
 *   "statement": <statement>, "tag": "pnyx/<proof>/v1"}`
 */
import { bytesToBigBE, concatBytes, utf8 } from '../bytes.js';
import { canonicalBytes, type JsonValue } from '../encoding/canonical-json.js';
import { sha512 } from '../encoding/hash.js';
import type { Group } from '../group/group.js';

/** What binds a proof to one election and one place in it. */
export interface ProofContext {
  /** Election fingerprint: lowercase hex SHA-256 of the election's canonical parameters. */
  readonly fingerprint: string;
  /** Optional binding of the proof to its position or owner, e.g. `{"q":0,"o":3,"voter":"…"}`. */
  readonly label?: JsonValue;
}

/** The canonical bytes hashed for a challenge. */
export function challengeInput(
  tag: string,
  scope: string,
  ctx: ProofContext,
  statement: JsonValue,
  commitments: JsonValue,
): Uint8Array {
  return canonicalBytes({
    commit: commitments,
    fingerprint: ctx.fingerprint,
    group: scope,
    label: ctx.label ?? null,
    statement,
    tag: `pnyx/${tag}/v1`,
  });
}

/** Challenge in [0, q) for a proof over group G: hashToScalar of {@link challengeInput}. */
export function groupChallenge<E>(
  G: Group<E>,
  tag: string,
  ctx: ProofContext,
  statement: JsonValue,
  commitments: JsonValue,
): bigint {
  return G.hashToScalar(challengeInput(tag, G.name, ctx, statement, commitments));
}

/** A `bits`-bit challenge (bits ≤ 512, multiple of 8): the first bits/8 bytes of SHA-512(prefix ‖ input), big-endian. */
export function bitChallenge(
  bits: number,
  tag: string,
  scope: string,
  ctx: ProofContext,
  statement: JsonValue,
  commitments: JsonValue,
): bigint {
  const h = sha512(
    concatBytes(utf8('pnyx/bit-challenge/v1'), challengeInput(tag, scope, ctx, statement, commitments)),
  );
  return bytesToBigBE(h.subarray(0, bits / 8));
}
