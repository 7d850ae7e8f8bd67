/**
 * The trustee's secrets for one election, as kept in its secrets file:
 *
 * ```
 * {"format": "pnyx-trustee-secrets", "version": 1, "election": ID, "fingerprint": HEX, "trustee": l,
 *  "kind": "threshold", "share_key_secret": y_l, "coefficients": [a_(l,0), …], "announcement": {…},
 *  "share"?: x_l, "published": {TYPE: BODY, …}}
 * {… "kind": "product", "secret_key": sk_l, "key": {…}, "published": {…}}
 * {… "kind": "paillier", "secret_key": {"p": p, "q": q}, "published": {…}}
 * ```
 *
 * Secret integers are JSON integers. `published` holds every record body the trustee has decided to
 * publish, keyed by transaction type: a body is stored here **before** it is sent, and resent unchanged
 * after a restart, so the trustee never publishes two different records of one type.
 */
import {
  asBigInt,
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../../crypto/result.js';
import type { TrusteeSecrets } from '../../../crypto/threshold/announcement.js';

/** Value of the file's `format` key. */
export const SECRETS_FORMAT = 'pnyx-trustee-secrets';

/** What every kind of secrets record has. */
interface StoredBase {
  readonly election: string;
  readonly fingerprint: string;
  /** The trustee's index in the election. */
  readonly trustee: number;
  /** Record bodies decided on, by transaction type (stored before they are published). */
  readonly published: Readonly<Record<string, JsonObject>>;
}

/** A k-of-n trustee: its round-1 secrets, its announcement, and its final share once derived. */
export interface StoredThreshold extends StoredBase {
  readonly kind: 'threshold';
  readonly secrets: TrusteeSecrets;
  /** The announcement made from `secrets` (JSON form), published as it is. */
  readonly announcement: JsonObject;
  /** x_l, once the ceremony is done. */
  readonly share?: bigint;
}

/** An n-of-n trustee: its own key pair. */
export interface StoredProduct extends StoredBase {
  readonly kind: 'product';
  /** sk_l. */
  readonly secretKey: bigint;
  /** Its `trustee_key` body (pk_l with a Schnorr proof of sk_l). */
  readonly key: JsonObject;
}

/** The Paillier key holder: its secret primes. */
export interface StoredPaillier extends StoredBase {
  readonly kind: 'paillier';
  /** `{"p": p, "q": q}` (see `secretKeyToJson`). */
  readonly secretKey: JsonObject;
}

/** One election's secrets. */
export type StoredTrustee = StoredThreshold | StoredProduct | StoredPaillier;

/** The JSON form of a secrets record. */
export function storedToJson(s: StoredTrustee): JsonObject {
  const base: JsonObject = {
    election: s.election,
    fingerprint: s.fingerprint,
    format: SECRETS_FORMAT,
    kind: s.kind,
    published: { ...s.published },
    trustee: s.trustee,
    version: 1,
  };
  if (s.kind === 'paillier') return { ...base, secret_key: s.secretKey };
  if (s.kind === 'product') return { ...base, key: s.key, secret_key: s.secretKey };
  return {
    ...base,
    announcement: s.announcement,
    coefficients: [...s.secrets.coefficients],
    share_key_secret: s.secrets.shareKeySecret,
    ...(s.share === undefined ? {} : { share: s.share }),
  };
}

const bad = (why: string) => fail('ENCODING_INVALID', `trustee secrets file: ${why}`);

function nonNegative(v: JsonValue | undefined): bigint | undefined {
  const x = asBigInt(v);
  return x !== undefined && x >= 0n ? x : undefined;
}

function readPublished(v: JsonValue | undefined): Result<Record<string, JsonObject>> {
  if (!isJsonObject(v)) return bad('"published" must be an object');
  const out: Record<string, JsonObject> = {};
  for (const [type, body] of Object.entries(v)) {
    if (!isJsonObject(body)) return bad(`the published ${type} body must be an object`);
    out[type] = body;
  }
  return ok(out);
}

/** Strict reader of a secrets record (shape only: secrets are checked against the ledger when used). */
export function storedFromJson(v: JsonValue): Result<StoredTrustee> {
  if (!isJsonObject(v) || v.format !== SECRETS_FORMAT || v.version !== 1)
    return bad(`not a ${SECRETS_FORMAT} version 1 record`);
  const { election, fingerprint, trustee, kind } = v;
  if (typeof election !== 'string') return bad('"election" must be a string');
  if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint))
    return bad('"fingerprint" must be 64 lowercase hex digits');
  if (typeof trustee !== 'number' || !Number.isSafeInteger(trustee) || trustee < 1)
    return bad('"trustee" must be a positive integer');
  const published = readPublished(v.published);
  if (!published.ok) return published;
  const base = { election, fingerprint, trustee, published: published.value };
  if (kind === 'paillier') {
    if (!isJsonObject(v.secret_key)) return bad('"secret_key" must be an object');
    return ok({ ...base, kind, secretKey: v.secret_key });
  }
  if (kind === 'product') {
    const sk = nonNegative(v.secret_key);
    if (sk === undefined) return bad('"secret_key" must be a non-negative integer');
    if (!isJsonObject(v.key)) return bad('"key" must be an object');
    return ok({ ...base, kind, secretKey: sk, key: v.key });
  }
  if (kind !== 'threshold') return bad('"kind" must be "threshold", "product" or "paillier"');
  const y = nonNegative(v.share_key_secret);
  if (y === undefined) return bad('"share_key_secret" must be a non-negative integer');
  const cs = v.coefficients;
  if (!Array.isArray(cs) || cs.length === 0) return bad('"coefficients" must be a non-empty list');
  const coefficients = cs.map(nonNegative);
  if (coefficients.some((c) => c === undefined))
    return bad('every coefficient must be a non-negative integer');
  if (!isJsonObject(v.announcement)) return bad('"announcement" must be an object');
  const share = v.share === undefined ? undefined : nonNegative(v.share);
  if (v.share !== undefined && share === undefined) return bad('"share" must be a non-negative integer');
  return ok({
    ...base,
    kind,
    secrets: { trustee, shareKeySecret: y, coefficients: coefficients as bigint[] },
    announcement: v.announcement,
    ...(share === undefined ? {} : { share }),
  });
}
