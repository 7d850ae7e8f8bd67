/**
 * The ballot-box receipt: `{"tracker": 64 hex, "box": box id, "received_at": ms since the epoch,
 * "sig": 128 hex}`, signed by the box's allow-listed key in the domain `election/receipt` over the same
 * object without `sig`. A box gives it only once the cast is durably stored.
 */
import type { JsonObject } from '../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result, within } from '../../crypto/result.js';
import type { Ed25519 } from '../../crypto/sig/ed25519.js';
import { signJson, verifyJson } from '../../crypto/sig/signed-json.js';
import { findBox } from '../election/boxes.js';
import type { ElectionDefinition } from '../election/definition.js';
import { readHex, readHex32, readId, readInt, readObject } from '../election/fields.js';

/** Signing domain of receipts. */
export const RECEIPT_DOMAIN = 'election/receipt';

/** A box receipt. */
export interface Receipt {
  readonly tracker: string;
  readonly box: string;
  readonly received_at: number;
  readonly sig: string;
}

function payload(r: Omit<Receipt, 'sig'>): JsonObject {
  return { tracker: r.tracker, box: r.box, received_at: r.received_at };
}

/** The receipt as JSON. */
export function receiptToJson(r: Receipt): JsonObject {
  return { ...payload(r), sig: r.sig };
}

/** Box side: signs a receipt for a stored cast with tracker `tracker`. */
export function createReceipt(
  ed: Ed25519,
  boxSecret: Uint8Array,
  fields: { readonly tracker: string; readonly box: string; readonly received_at: number },
): Receipt {
  return { ...fields, sig: signJson(ed, boxSecret, RECEIPT_DOMAIN, payload(fields)) };
}

/** Strict reader of a receipt's shape (`RECEIPT_INVALID`). */
export function readReceipt(v: unknown): Result<Receipt> {
  const C = 'RECEIPT_INVALID';
  const o = readObject(C, v, 'receipt', ['tracker', 'box', 'received_at', 'sig']);
  if (!o.ok) return o;
  const tracker = readHex32(C, o.value.tracker, 'receipt.tracker');
  if (!tracker.ok) return tracker;
  const box = readId(C, o.value.box, 'receipt.box');
  if (!box.ok) return box;
  const at = readInt(C, o.value.received_at, 'receipt.received_at', 0, Number.MAX_SAFE_INTEGER);
  if (!at.ok) return at;
  const sig = readHex(C, o.value.sig, 'receipt.sig', 64);
  if (!sig.ok) return sig;
  return ok({ tracker: tracker.value, box: box.value, received_at: at.value, sig: sig.value });
}

/**
 * Voter side: checks a receipt — shape, the box is on the election's allow-list, the signature is by
 * that box's key, and (when given) the tracker is the one of the voter's cast. Codes: `RECEIPT_INVALID`,
 * `SIGNATURE_INVALID`. Never throws.
 */
export function checkReceipt(
  ed: Ed25519,
  election: ElectionDefinition,
  v: unknown,
  expectedTracker?: string,
): Result<Receipt> {
  const r = readReceipt(v);
  if (!r.ok) return r;
  const box = findBox(election.boxes, r.value.box);
  if (!box) return fail('RECEIPT_INVALID', `receipt.box "${r.value.box}" is not an allow-listed ballot box`);
  if (expectedTracker !== undefined && r.value.tracker !== expectedTracker)
    return fail('RECEIPT_INVALID', 'receipt.tracker is not the tracker of this ballot');
  const sig = verifyJson(ed, box.key, RECEIPT_DOMAIN, payload(r.value), r.value.sig);
  return sig.ok ? r : within('receipt', sig);
}
