/** Schemas of what the explorer serves: chain summary, block and transaction views, pages. */
import { type Static, Type } from '@sinclair/typebox';
import { ApprovalSchema, BlockSchema, Hex64, StatusSchema, TipSchema, TxSchema } from './schemas.js';

/** The chain summary. */
export const ChainSummarySchema = Type.Object(
  {
    node: Type.Object(
      {
        name: Type.String(),
        roles: Type.Array(Type.String()),
        key: Hex64,
        validator: Type.Optional(Hex64),
      },
      { additionalProperties: false },
    ),
    genesis: Type.Object(
      {
        id: Hex64,
        hardness: Type.Integer({ minimum: 0 }),
        quorum: Type.Integer({ minimum: 1 }),
        validators: Type.Array(Hex64),
        miners: Type.Optional(Type.Array(Type.String())),
        time: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    head: TipSchema,
    final: TipSchema,
    /** Transactions in the main chain up to the last final block. */
    final_txs: Type.Integer({ minimum: 0 }),
    /** Blocks known to this node, forks included, genesis included. */
    blocks: Type.Integer({ minimum: 1 }),
    mempool: Type.Integer({ minimum: 0 }),
    peers: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** The chain summary. */
export type ChainSummary = Static<typeof ChainSummarySchema>;

/** One block as the explorer shows it. */
export const BlockViewSchema = Type.Object(
  {
    id: Hex64,
    height: Type.Integer({ minimum: 0 }),
    status: StatusSchema,
    /** True when the block is on the chain from the genesis to the head. */
    main: Type.Boolean(),
    block: BlockSchema,
    approvals: Type.Array(ApprovalSchema),
    /** Ids of its transactions, in block order. */
    txs: Type.Array(Hex64),
  },
  { additionalProperties: false },
);

/** One block as the explorer shows it. */
export type BlockView = Static<typeof BlockViewSchema>;

/** Where a transaction is included. */
export const InclusionSchema = Type.Object(
  {
    block_id: Hex64,
    height: Type.Integer({ minimum: 1 }),
    index: Type.Integer({ minimum: 0 }),
    status: StatusSchema,
    main: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** One transaction as the explorer shows it. */
export const TxViewSchema = Type.Object(
  {
    id: Hex64,
    tx: TxSchema,
    /** True while it waits in this node's pool. */
    pending: Type.Boolean(),
    /** Blocks that hold it (more than one only across forks). */
    included: Type.Array(InclusionSchema),
  },
  { additionalProperties: false },
);

/** One transaction as the explorer shows it. */
export type TxView = Static<typeof TxViewSchema>;

/** A page cursor: `HEIGHT:INDEX` of the last item of the previous page. */
export const CursorSchema = Type.String({ pattern: '^[0-9]{1,15}:[0-9]{1,5}$' });

/** One row of a transaction listing. */
export const TxRowSchema = Type.Object(
  {
    id: Hex64,
    type: Type.String(),
    author: Hex64,
    block_id: Hex64,
    height: Type.Integer({ minimum: 1 }),
    index: Type.Integer({ minimum: 0 }),
    status: StatusSchema,
  },
  { additionalProperties: false },
);

/** A page of transactions of the main chain, newest first. */
export const TxPageSchema = Type.Object(
  { txs: Type.Array(TxRowSchema), next: Type.Optional(CursorSchema) },
  { additionalProperties: false },
);

/** A page of transactions. */
export type TxPage = Static<typeof TxPageSchema>;

/** The pool of pending transactions. */
export const MempoolViewSchema = Type.Object(
  {
    size: Type.Integer({ minimum: 0 }),
    txs: Type.Array(
      Type.Object({ id: Hex64, type: Type.String(), author: Hex64 }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** Known peers with their scores. */
export const PeerListSchema = Type.Object(
  {
    peers: Type.Array(
      Type.Object(
        {
          url: Type.String({ maxLength: 512 }),
          score: Type.Integer(),
          last_seen: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
          banned: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
