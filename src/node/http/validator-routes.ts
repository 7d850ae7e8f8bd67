/**
 * Routes of the validator console: what a validator node has to decide and has decided (public,
 * read-only), and a person's verdict on a pending block (`admin`: the node's bearer token). Every ledger
 * node serves them; a node without the validator role answers 404 `NOT_FOUND`.
 */
import { type Static, Type } from '@sinclair/typebox';
import { route } from '../../net/routes.js';
import { ApprovalSchema, BlockSchema, Hex64, StatusSchema } from './schemas.js';

const none = { additionalProperties: false } as const;

/** Most verdicts listed in a console answer. */
export const VALIDATOR_HISTORY = 100;
/** Most pending blocks listed in a console answer (lowest heights first; `pending_total` counts all). */
export const VALIDATOR_PENDING = 20;

const VerdictSchema = Type.Union([Type.Literal('approve'), Type.Literal('reject')]);
const Reason = Type.String({ maxLength: 1000 });

/** The outcome of one rule check of a block. */
export const CheckStepSchema = Type.Object(
  {
    /** `envelope`, `parent_known`, `final`, `miner`, `pow`, `parent`, `content`, `height`, `time`, `tx_count`, `txs[i]`. */
    name: Type.String({ maxLength: 64 }),
    ok: Type.Boolean(),
    message: Type.Optional(Type.String()),
  },
  none,
);

/** One rule check as served. */
export type CheckStep = Static<typeof CheckStepSchema>;

/**
 * A block waiting for the validator's decision: the explorer's block view fields (`status`, `main`,
 * `approvals`, `txs` as the ledger holds them; `in_ledger` false when the rules kept it out), every check
 * run on it, and what they say now (`reject` with the failing check's message when one fails).
 */
export const PendingBlockSchema = Type.Object(
  {
    id: Hex64,
    height: Type.Integer({ minimum: 1 }),
    in_ledger: Type.Boolean(),
    status: Type.Optional(StatusSchema),
    main: Type.Boolean(),
    block: BlockSchema,
    approvals: Type.Array(ApprovalSchema),
    txs: Type.Array(Hex64),
    suggestion: VerdictSchema,
    reason: Type.Optional(Reason),
    checks: Type.Array(CheckStepSchema),
  },
  none,
);

/** A pending block as served. */
export type PendingBlock = Static<typeof PendingBlockSchema>;

/** A verdict this validator signed. */
export const SignedVerdictSchema = Type.Object(
  {
    block_id: Hex64,
    height: Type.Integer({ minimum: 0 }),
    verdict: VerdictSchema,
    reason: Type.Optional(Reason),
    /** When it was signed, milliseconds since the epoch (known for verdicts signed since the node started). */
    time: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  none,
);

/** The console's view of a validator. */
export const ValidatorViewSchema = Type.Object(
  {
    key: Hex64,
    mode: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
    pending: Type.Array(PendingBlockSchema, { maxItems: VALIDATOR_PENDING }),
    /** How many blocks wait in all (more than `pending` lists when over {@link VALIDATOR_PENDING}). */
    pending_total: Type.Integer({ minimum: 0 }),
    history: Type.Array(SignedVerdictSchema, { maxItems: VALIDATOR_HISTORY }),
  },
  none,
);

/** The console's view as served. */
export type ValidatorView = Static<typeof ValidatorViewSchema>;

/** A person's verdict. */
export const DecideBodySchema = Type.Object(
  {
    block_id: Hex64,
    verdict: VerdictSchema,
    /** Why the block is rejected (kept with rejections only; the rules' reason when absent). */
    reason: Type.Optional(Reason),
  },
  none,
);

/** The validator console's routes. */
export const VALIDATOR_ROUTES = {
  validator: route({
    method: 'GET',
    path: '/api/validator',
    summary:
      "the validator's key and mode, the blocks waiting for its decision with their checks, its verdicts",
    caller: 'public',
    response: ValidatorViewSchema,
  }),
  validatorDecide: route({
    method: 'POST',
    path: '/api/validator/decide',
    summary: 'a person approves or rejects a block waiting for this validator; answers the signed verdict',
    caller: 'admin',
    body: DecideBodySchema,
    response: ApprovalSchema,
    bodyLimit: 4 * 1024,
  }),
} as const;
