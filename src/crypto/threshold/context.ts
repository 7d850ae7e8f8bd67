/** Proof contexts and parameters of the key ceremony. */
import type { JsonObject } from '../encoding/canonical-json.js';
import type { ProofContext } from '../proofs/fiat-shamir.js';
import { type Check, fail, OK } from '../result.js';

/** The most trustees a ceremony may have (indices run from 1 to n). */
export const MAX_TRUSTEES = 1000;

/** Ceremony size: n trustees, any k of whom can decrypt (1 ≤ k ≤ n ≤ {@link MAX_TRUSTEES}). */
export interface ThresholdParams {
  readonly n: number;
  readonly k: number;
}

/** Checks 1 ≤ k ≤ n ≤ {@link MAX_TRUSTEES}. */
export function checkParams(p: ThresholdParams): Check {
  if (!Number.isSafeInteger(p.n) || !Number.isSafeInteger(p.k) || p.k < 1 || p.k > p.n || p.n > MAX_TRUSTEES)
    return fail('PARAMETER_INVALID', `threshold parameters need 1 ≤ k ≤ n ≤ ${MAX_TRUSTEES}`);
  return OK;
}

/** Checks that a trustee index is an integer in [1, n]. */
export function checkIndex(index: number, n: number, what: string): Check {
  if (!Number.isSafeInteger(index) || index < 1 || index > n)
    return fail('PARAMETER_INVALID', `${what} must be a trustee index in [1, ${n}]`);
  return OK;
}

/**
 * The context of a ceremony proof: the caller's fingerprint, and a label binding the proof to its role
 * and trustee: `{"base": <caller's label or null>, "role": <role>, "trustee": <index>, …extra}`.
 */
export function trusteeContext(
  ctx: ProofContext,
  role: string,
  trustee: number,
  extra: JsonObject = {},
): ProofContext {
  return { fingerprint: ctx.fingerprint, label: { ...extra, base: ctx.label ?? null, role, trustee } };
}
