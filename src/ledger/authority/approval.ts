/**
 * Approvals: a validator's signed verdict on a block,
 * `{block_id, height, validator, verdict: "approve"|"reject", reason?, sig}`.
 * `sig` is the validator's Ed25519 signature over the object without `sig`, in the signing domain
 * `ledger/approval`. `reason` (at most 1000 characters) says why a block was rejected.
 */
import { canonicalJson, isJsonObject, type JsonObject } from '../../crypto/encoding/canonical-json.js';
import { ok } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import { isId } from '../block.js';
import { type LedgerCheck, type LedgerResult, lfail } from '../errors.js';
import { ledgerHashHex } from '../hash.js';
import type { AuthorityGenesis } from './genesis.js';

/** Signing domain of approvals. */
export const APPROVAL_DOMAIN = 'ledger/approval';

/** A verdict. */
export type Verdict = 'approve' | 'reject';

/** A signed approval or rejection. */
export interface Approval {
  readonly block_id: string;
  readonly height: number;
  readonly validator: string;
  readonly verdict: Verdict;
  readonly reason?: string;
  readonly sig: string;
}

/** Longest reason. */
export const MAX_REASON = 1000;

const SIG_RE = /^[0-9a-f]{128}$/;
const ALLOWED_KEYS = new Set(['block_id', 'height', 'validator', 'verdict', 'reason', 'sig']);

/** The signed payload (everything but `sig`). */
export function approvalPayload(a: Omit<Approval, 'sig'>): JsonObject {
  const p: JsonObject = {
    block_id: a.block_id,
    height: a.height,
    validator: a.validator,
    verdict: a.verdict,
  };
  if (a.reason !== undefined) p.reason = a.reason;
  return p;
}

/** The approval as JSON. */
export function approvalJson(a: Approval): JsonObject {
  return { ...approvalPayload(a), sig: a.sig };
}

/** Signs an approval (the caller persists it before releasing it; see validator.ts). */
export function signApproval(ed: Ed25519, secretKey: Uint8Array, a: Omit<Approval, 'sig'>): Approval {
  return { ...a, sig: signJson(ed, secretKey, APPROVAL_DOMAIN, approvalPayload(a)) };
}

/** Strict decoding of an approval's shape. */
export function decodeApproval(v: unknown): LedgerResult<Approval> {
  if (!isJsonObject(v)) return lfail('APPROVAL_INVALID', 'an approval must be a JSON object');
  for (const k of Object.keys(v))
    if (!ALLOWED_KEYS.has(k)) return lfail('APPROVAL_INVALID', `unexpected key ${k} in an approval`);
  const { block_id, height, validator, verdict, reason, sig } = v;
  if (!isId(block_id)) return lfail('APPROVAL_INVALID', 'block_id must be 64 hex digits');
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 1)
    return lfail('APPROVAL_INVALID', 'height must be a positive integer');
  if (!isId(validator)) return lfail('APPROVAL_INVALID', 'validator must be a 64-digit hex public key');
  if (verdict !== 'approve' && verdict !== 'reject')
    return lfail('APPROVAL_INVALID', 'verdict must be "approve" or "reject"');
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON))
    return lfail('APPROVAL_INVALID', `reason must be a string of at most ${MAX_REASON} characters`);
  if (typeof sig !== 'string' || !SIG_RE.test(sig))
    return lfail('APPROVAL_INVALID', 'sig must be 128 hex digits');
  return ok({ block_id, height, validator, verdict, ...(reason !== undefined ? { reason } : {}), sig });
}

const texts = new WeakMap<Approval, string>();

/** Canonical JSON of an approval, `sig` included: what is hashed and stored (computed once per value). */
export function approvalText(a: Approval): string {
  let t = texts.get(a);
  if (t === undefined) {
    t = writeApproval(a);
    texts.set(a, t);
  }
  return t;
}

/**
 * `canonicalJson(approvalJson(a))`, written directly for the fixed shape: keys in code-point order
 * (`block_id`, `height`, `reason`, `sig`, `validator`, `verdict`), strings as `JSON.stringify` writes
 * well-formed strings (canonical JSON's escaping), a safe integer as its digits. Anything else (a lone
 * surrogate, a height that is not a safe integer) goes to `canonicalJson`, which refuses it.
 */
function writeApproval(a: Approval): string {
  const { block_id, height, validator, verdict, reason, sig } = a;
  const strings = [block_id, validator, verdict, sig, reason ?? ''];
  if (!Number.isSafeInteger(height) || !strings.every((x) => typeof x === 'string' && x.isWellFormed()))
    return canonicalJson(approvalJson(a));
  const r = reason === undefined ? '' : `"reason":${JSON.stringify(reason)},`;
  return `{"block_id":${JSON.stringify(block_id)},"height":${height},${r}"sig":${JSON.stringify(sig)},"validator":${JSON.stringify(validator)},"verdict":${JSON.stringify(verdict)}}`;
}

/** Id of an approval: hex SHA-256 of its canonical JSON, `sig` included (binds signer, payload, signature). */
export function approvalId(a: Approval): string {
  return ledgerHashHex(approvalText(a));
}

/**
 * Checks that the signer is a genesis validator and that the signature verifies. With `signatureOk`, the
 * signature of an approval whose {@link approvalId} it confirms is not verified again.
 */
export function checkApprovalSignature(
  ed: Ed25519,
  genesis: AuthorityGenesis,
  a: Approval,
  signatureOk?: (id: string) => boolean,
): LedgerCheck {
  if (!genesis.validators.includes(a.validator))
    return lfail('APPROVAL_NOT_VALIDATOR', `${a.validator} is not a validator of this ledger`);
  if (signatureOk?.(approvalId(a))) return ok(true);
  return verifyJson(ed, a.validator, APPROVAL_DOMAIN, approvalPayload(a), a.sig);
}
