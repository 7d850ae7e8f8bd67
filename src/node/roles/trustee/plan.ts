/**
 * What a trustee should do next for one election, decided from the final ledger and its stored secrets.
 * Planning is deterministic given the view, the stored record and the randomness; the only effect of
 * acting on a plan is: store `store` durably, then sign and submit `{type, body}`.
 */
import type { JsonObject } from '../../../crypto/encoding/canonical-json.js';
import type { StoredTrustee } from './secrets-codec.js';

/** A record to publish, with the secrets record to store before it is sent. */
export interface PublishPlan {
  readonly kind: 'publish';
  readonly type: string;
  readonly body: JsonObject;
  /** The secrets record with `body` among its published bodies; saved before sending. */
  readonly store: StoredTrustee;
}

/** Nothing to publish now. */
export interface IdlePlan {
  /**
   * `wait`: the next step depends on other trustees or on the election closing; `done`: nothing is left
   * to do; `excluded`: the ledger leaves this trustee out; `failed`: the ceremony or a local check failed.
   */
  readonly kind: 'wait' | 'done' | 'excluded' | 'failed';
  readonly reason: string;
  /** A secrets record to store even though nothing is published (e.g. the derived share x_l). */
  readonly store?: StoredTrustee;
}

/** The next action of one kind (ceremony or decryption). */
export type Plan = PublishPlan | IdlePlan;

/** A plan that publishes a body, reusing the body already decided for that type after a restart. */
export function publish(stored: StoredTrustee, type: string, fresh: () => JsonObject): PublishPlan {
  const kept = stored.published[type];
  if (kept !== undefined) return { kind: 'publish', type, body: kept, store: stored };
  const body = fresh();
  return {
    kind: 'publish',
    type,
    body,
    store: { ...stored, published: { ...stored.published, [type]: body } },
  };
}

/** An idle plan. */
export function idle(kind: IdlePlan['kind'], reason: string, store?: StoredTrustee): IdlePlan {
  return store === undefined ? { kind, reason } : { kind, reason, store };
}

/**
 * The record without its decided body of `type` when that body fails `valid` (e.g. a deliberately wrong
 * decryption kept from a run with a fault): a fresh body is then made. Kept as it is while `keepBad`.
 */
export function dropInvalid<S extends StoredTrustee>(
  s: S,
  type: string,
  valid: (body: JsonObject) => boolean,
  keepBad = false,
): S {
  const kept = s.published[type];
  if (kept === undefined || keepBad || valid(kept)) return s;
  const { [type]: _dropped, ...rest } = s.published;
  return { ...s, published: rest };
}
