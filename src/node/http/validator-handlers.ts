/** Handlers of the validator console's routes ({@link VALIDATOR_ROUTES}). */
import { ok } from '../../crypto/result.js';
import { approvalJson, MAX_REASON } from '../../ledger/authority/approval.js';
import { type AnyErrorCode, netFail } from '../../net/errors.js';
import type { Handlers } from '../../net/handlers.js';
import type { PendingReview, ValidatorService } from '../validator.js';
import { blockView } from './block-view.js';
import type { LedgerHttpContext } from './context.js';
import type { ApprovalWire, BlockWire } from './schemas.js';
import {
  type PendingBlock,
  VALIDATOR_HISTORY,
  VALIDATOR_PENDING,
  type VALIDATOR_ROUTES,
} from './validator-routes.js';

const NOT_VALIDATOR = 'this node does not run the validator role';

/** A pending block as the console shows it: the explorer's view when the ledger holds it. */
function pendingView(ctx: LedgerHttpContext, p: PendingReview): PendingBlock {
  const ledger = ctx.node.chain.ledger;
  const n = ledger.get(p.block_id);
  const view = n
    ? { ...blockView(ledger, n), in_ledger: true }
    : {
        id: p.block_id,
        height: p.height,
        in_ledger: false,
        main: false,
        block: p.block as BlockWire,
        approvals: [],
        txs: [],
      };
  // What the rules say now (the block may have fallen off the final chain since it was queued).
  const failed = p.checks.find((c) => !c.ok);
  return {
    ...view,
    suggestion: failed ? 'reject' : 'approve',
    ...(failed?.message !== undefined ? { reason: failed.message.slice(0, MAX_REASON) } : {}),
    checks: p.checks.map((c) => ({ ...c })),
  };
}

/** Handlers of {@link VALIDATOR_ROUTES}; included in the explorer's handlers, so every node serves them. */
export function validatorHandlers(ctx: LedgerHttpContext): Handlers<typeof VALIDATOR_ROUTES> {
  const service = (): ValidatorService | undefined => ctx.node.validator;
  return {
    validator: () => {
      const v = service();
      if (!v) return netFail('NOT_FOUND', NOT_VALIDATOR);
      return ok({
        key: v.key,
        mode: v.mode,
        pending: v.reviews(VALIDATOR_PENDING).map((p) => pendingView(ctx, p)),
        pending_total: v.pending().length,
        history: v.history(VALIDATOR_HISTORY),
      });
    },
    validatorDecide: async ({ body }) => {
      const v = service();
      if (!v) return netFail('NOT_FOUND', NOT_VALIDATOR);
      const given = v.verdictOn(body.block_id);
      if (given !== undefined)
        return netFail('APPROVAL_CONFLICT', `this validator already gave the verdict ${given} on this block`);
      if (!v.pending().some((p) => p.block_id === body.block_id))
        return netFail('NOT_FOUND', `block ${body.block_id} is not waiting for this validator's decision`);
      const a = await v.decide(body.block_id, body.verdict, body.reason);
      return a.ok
        ? ok(approvalJson(a.value) as ApprovalWire)
        : { ok: false, code: a.code as AnyErrorCode, message: a.message };
    },
  };
}
