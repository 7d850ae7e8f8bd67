/**
 * Wire schemas of the ledger node's routes. They bound the shape and size of what arrives and what is
 * served; they do not replace the ledger's strict decoders (`decodeBlock`, `decodeTx`, `decodeApproval`),
 * which every handler still runs before anything is stored.
 */
import { type Static, Type } from '@sinclair/typebox';

/** 64 lowercase hex digits: a block id, transaction id, genesis id or Ed25519 public key. */
export const HEX64 = '^[0-9a-f]{64}$';
const HEX128 = '^[0-9a-f]{128}$';

/** A block or transaction id, or a public key. */
export const Hex64 = Type.String({ pattern: HEX64 });

/** Block envelope `{parent_id, miner_name, nonce, content}` (mirrors `decodeBlock`). */
export const BlockSchema = Type.Object(
  {
    parent_id: Type.String({ pattern: '^(|[0-9a-f]{64})$' }),
    miner_name: Type.String({ maxLength: 256 }),
    nonce: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    content: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);

/** A block on the wire. */
export type BlockWire = Static<typeof BlockSchema>;

/** Signed transaction `{type, author, chain, body, sig}` (mirrors `decodeTx`; the body is the rule's). */
export const TxSchema = Type.Object(
  {
    type: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
    author: Hex64,
    chain: Hex64,
    body: Type.Unknown(),
    sig: Type.String({ pattern: HEX128 }),
  },
  { additionalProperties: false },
);

/** A transaction on the wire. */
export type TxWire = Static<typeof TxSchema>;

/** Signed verdict `{block_id, height, validator, verdict, reason?, sig}` (mirrors `decodeApproval`). */
export const ApprovalSchema = Type.Object(
  {
    block_id: Hex64,
    height: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    validator: Hex64,
    verdict: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    sig: Type.String({ pattern: HEX128 }),
  },
  { additionalProperties: false },
);

/** An approval on the wire. */
export type ApprovalWire = Static<typeof ApprovalSchema>;

/** Most verdicts served with one block (one per validator; genesis validator sets are small). */
export const MAX_APPROVALS_PER_BLOCK = 1024;

/** One block with its verdicts, as peers exchange them (the ledger's `BlockEntry`). */
export const BlockEntrySchema = Type.Object(
  {
    block: BlockSchema,
    approvals: Type.Array(ApprovalSchema, { maxItems: MAX_APPROVALS_PER_BLOCK }),
  },
  { additionalProperties: false },
);

/** A block entry on the wire. */
export type BlockEntryWire = Static<typeof BlockEntrySchema>;

/** A block named by id and height. */
export const TipSchema = Type.Object(
  { id: Hex64, height: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** A block named by id and height. */
export type Tip = Static<typeof TipSchema>;

/** Finality status of a block. */
export const StatusSchema = Type.Union([
  Type.Literal('final'),
  Type.Literal('pending'),
  Type.Literal('rejected'),
]);

/** A peer's base URL as announced: http(s) with a host and no path, at most 512 characters. */
export const PeerUrlSchema = Type.String({ pattern: '^https?://[^\\s/?#@]+/?$', maxLength: 512 });
