/**
 * The expensive, stateless part of accepting a ballot: `checkCast` (signature and every proof) and
 * `checkAudit`. Behind one interface so the box can run it on its own thread (tests, small boxes) or on a
 * pool of worker threads (`pool.ts`).
 */
import type { JsonValue } from '../../../crypto/encoding/canonical-json.js';
import { ok, type Result } from '../../../crypto/result.js';
import type { EncryptedSelections } from '../../../protocol/ballot.js';
import { checkAudit } from '../../../protocol/cast/audit.js';
import { checkCast } from '../../../protocol/cast/check.js';
import type { CastContext } from '../../../protocol/cast/context.js';
import type { Plaintext } from '../../../protocol/selections.js';

/**
 * A cast that passed `checkCast`: its tracker and decoded ciphertexts (plain data on Node's fast backends —
 * byte arrays or bigints — so they cross thread boundaries unchanged).
 */
export interface VerifiedCast {
  readonly tracker: string;
  readonly ciphertexts: EncryptedSelections<unknown>;
}

/** An audit that passed `checkAudit`. */
export interface VerifiedAudit {
  readonly tracker: string;
  readonly plaintext: Plaintext;
}

/** Checks casts and audits; never throws on bad input (a thrown error means the verifier itself broke). */
export interface CastVerifier {
  checkCast(v: JsonValue): Promise<Result<VerifiedCast>>;
  checkAudit(v: JsonValue): Promise<Result<VerifiedAudit>>;
  close(): Promise<void>;
}

/** Checks on the calling thread. */
export function inlineVerifier(ctx: CastContext<unknown>): CastVerifier {
  return {
    async checkCast(v) {
      const r = checkCast(ctx, v);
      return r.ok ? ok({ tracker: r.value.tracker, ciphertexts: r.value.ciphertexts }) : r;
    },
    async checkAudit(v) {
      const r = checkAudit(ctx, v);
      return r.ok ? ok({ tracker: r.value.tracker, plaintext: r.value.plaintext }) : r;
    },
    async close() {},
  };
}
