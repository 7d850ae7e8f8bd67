/**
 * Casting: encrypt and sign the ballot here, send the same cast to every assigned ballot box at once, and
 * check each receipt (the box's allow-listed key, this tracker). A box that refuses, fails or times out is
 * reported with its code; the others' receipts still count. Identical resends are safe: a box answers a
 * cast it already holds with the same receipt.
 */
import type { JsonObject } from '../crypto/encoding/canonical-json.js';
import type { Rng } from '../crypto/rng.js';
import type { CastBody } from '../node/roles/ballot-box/routes.js';
import { castToJson } from '../protocol/cast/cast.js';
import type { CastContext } from '../protocol/cast/context.js';
import { type CreatedCast, createCast } from '../protocol/cast/create.js';
import { checkReceipt, type Receipt, receiptToJson } from '../protocol/cast/receipt.js';
import { findBox } from '../protocol/election/boxes.js';
import type { VotingToken } from '../protocol/eligibility/token.js';
import { type Choices, choicesToPlaintext, type Plaintext } from '../protocol/selections.js';
import { type BoxTarget, boxClient } from './boxes.js';
import { asClientError, clientError } from './errors.js';

/** What one box answered. */
export type BoxOutcome =
  | { readonly box: string; readonly ok: true; readonly receipt: Receipt }
  | { readonly box: string; readonly ok: false; readonly code: string; readonly message: string };

/** A cast sent to its boxes. */
export interface CastOutcome {
  readonly tracker: string;
  readonly ballotId: string;
  readonly voterKey: string;
  readonly plaintext: Plaintext;
  /** One per box, in the order asked. */
  readonly boxes: readonly BoxOutcome[];
  /** The valid receipts. */
  readonly receipts: readonly Receipt[];
}

/** Options of {@link castBallot}. */
export interface CastOptions {
  /** The voting key's seed. Secret. */
  readonly voterSecret: Uint8Array;
  /** Boxes to send to: ids of the definition's allow-list (their URLs), or explicit targets. */
  readonly boxes: readonly (string | BoxTarget)[];
  /** Blind-token elections: the voting token. */
  readonly token?: VotingToken;
  readonly rng: Rng;
  /** Per box, ms (default 30 s). */
  readonly timeoutMs?: number;
  readonly proxy?: string;
}

/** Choices by question id → plaintext, or `USAGE` naming the problem (unknown id, min/max). */
export function plaintextOf(ctx: CastContext<unknown>, choices: Choices): Plaintext {
  const p = choicesToPlaintext(ctx.election.manifest, choices);
  if (!p.ok) throw clientError('USAGE', p.message);
  return p.value;
}

/** The targets of box ids or explicit targets, checked against the allow-list. */
export function boxTargets(ctx: CastContext<unknown>, boxes: readonly (string | BoxTarget)[]): BoxTarget[] {
  return boxes.map((b) => {
    if (typeof b !== 'string') return b;
    const box = findBox(ctx.election.boxes, b);
    if (!box) throw clientError('USAGE', `"${b}" is not a ballot box of election ${ctx.election.id}`);
    return { id: box.id, url: box.url };
  });
}

/** Sends `cast` to one box and checks the receipt; never throws. */
async function sendTo(
  ctx: CastContext<unknown>,
  target: BoxTarget,
  created: CreatedCast,
  o: CastOptions,
): Promise<BoxOutcome> {
  try {
    const answer = await boxClient(target.url, o).boxCast({
      body: castToJson(created.cast) as CastBody & JsonObject,
    });
    // The receipt must be signed by this box's allow-listed key for this very tracker.
    const r = checkReceipt(ctx.ed, ctx.election, answer, created.tracker);
    if (!r.ok) return { box: target.id, ok: false, code: r.code, message: `bad receipt: ${r.message}` };
    if (r.value.box !== target.id)
      return { box: target.id, ok: false, code: 'RECEIPT_INVALID', message: `receipt of box ${r.value.box}` };
    return { box: target.id, ok: true, receipt: r.value };
  } catch (e) {
    const c = asClientError(e, target.id);
    return { box: target.id, ok: false, code: c.code, message: c.message };
  }
}

/**
 * Creates the cast of `choices` and sends it to every box in parallel. Throws `USAGE` for choices the
 * manifest refuses; otherwise returns every box's outcome (check `receipts.length`).
 */
export async function castBallot(
  ctx: CastContext<unknown>,
  choices: Choices | Plaintext,
  o: CastOptions,
): Promise<CastOutcome & { readonly created: CreatedCast }> {
  const plaintext = Array.isArray(choices) ? (choices as Plaintext) : plaintextOf(ctx, choices as Choices);
  const targets = boxTargets(ctx, o.boxes);
  if (targets.length === 0) throw clientError('USAGE', 'no ballot box to send the ballot to');
  const created = createCast(
    ctx,
    { voterSecret: o.voterSecret, plaintext, ...(o.token ? { token: o.token } : {}) },
    o.rng,
  );
  if (!created.ok) throw clientError('USAGE', created.message);
  const boxes = await Promise.all(targets.map((t) => sendTo(ctx, t, created.value, o)));
  return {
    created: created.value,
    tracker: created.value.tracker,
    ballotId: created.value.cast.ballot_id,
    voterKey: created.value.cast.voter_key,
    plaintext,
    boxes,
    receipts: boxes.flatMap((b) => (b.ok ? [b.receipt] : [])),
  };
}

/** A receipt as JSON (for receipt files). */
export function receiptJson(r: Receipt): JsonObject {
  return receiptToJson(r);
}
