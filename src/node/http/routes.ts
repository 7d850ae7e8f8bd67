/**
 * The ledger node's route table. Peer routes (`/peer/…`) are what nodes call on each other: head, blocks
 * by height range or by id, posting transactions, blocks and verdicts, peer discovery. Explorer routes
 * (`/api/…`) are public and read-only, except `submitTx`, the entry point of clients. `GET /health` is
 * added by every server. The same table makes the typed client (`createClient(LEDGER_ROUTES, url)`).
 */
import { type Static, Type } from '@sinclair/typebox';
import { route } from '../../net/routes.js';
import { MAX_BLOCKS_PER_CALL } from '../peer-client.js';
import { ApprovalSchema, BlockEntrySchema, BlockSchema, Hex64, PeerUrlSchema, TxSchema } from './schemas.js';
import { SEARCH_ROUTE } from './search-route.js';
import { VALIDATOR_ROUTES } from './validator-routes.js';
import {
  BlockViewSchema,
  ChainSummarySchema,
  CursorSchema,
  MempoolViewSchema,
  PeerListSchema,
  TxPageSchema,
  TxViewSchema,
} from './views.js';

/** Most transactions in one `peerTxs` post. */
export const MAX_TXS_PER_POST = 1000;
/** Body limit of block posts (the genesis limit is checked by the ledger; this bounds the bytes read). */
export const BLOCK_BODY_LIMIT = 8 * 1024 * 1024;
/** Body limit of transaction batches. */
export const TXS_BODY_LIMIT = 8 * 1024 * 1024;
/** Body limit of one transaction. */
export const TX_BODY_LIMIT = 512 * 1024;

/** Peers gossip in bursts; their routes get their own, higher rate limit. */
const PEER_RATE = { max: 60_000, timeWindowMs: 60_000 } as const;

const none = { additionalProperties: false } as const;

/** A peer's head and last final block (E's `PeerHead`). */
export const PeerHeadSchema = Type.Object(
  {
    genesis: Hex64,
    id: Hex64,
    height: Type.Integer({ minimum: 0 }),
    final_id: Hex64,
    final_height: Type.Integer({ minimum: 0 }),
  },
  none,
);

/** A list of block entries. */
export const EntriesSchema = Type.Object(
  { entries: Type.Array(BlockEntrySchema, { maxItems: MAX_BLOCKS_PER_CALL }) },
  none,
);

/** What a post of one item says when the item was taken (a refusal is an error body). */
export const AcceptedSchema = Type.Object(
  { status: Type.Union([Type.Literal('added'), Type.Literal('known'), Type.Literal('orphan')]) },
  none,
);

/** The outcome of one transaction of a batch: taken, or refused with a stable code. */
export const TxOutcomeSchema = Type.Union([
  Type.Object(
    { ok: Type.Literal(true), id: Hex64, status: Type.Union([Type.Literal('added'), Type.Literal('known')]) },
    none,
  ),
  Type.Object(
    { ok: Type.Literal(false), code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }), message: Type.String() },
    none,
  ),
]);

/** One outcome of a batch. */
export type TxOutcome = Static<typeof TxOutcomeSchema>;

const idParams = Type.Object({ id: Hex64 }, none);

/** `?from=URL`: the posting node's own URL, so its gossip skips it (never trusted for anything else). */
const fromQuery = Type.Object({ from: Type.Optional(PeerUrlSchema) }, none);

/** Routes nodes call on each other. */
export const PEER_ROUTES = {
  peerHead: route({
    method: 'GET',
    path: '/peer/head',
    summary: 'the genesis id, the head chosen by fork choice and the last final block',
    caller: 'peer',
    response: PeerHeadSchema,
    rateLimit: PEER_RATE,
  }),
  peerBlocks: route({
    method: 'GET',
    path: '/peer/blocks',
    summary: 'blocks of the main chain from a height, in height order, with their verdicts',
    caller: 'peer',
    query: Type.Object(
      {
        from: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BLOCKS_PER_CALL })),
      },
      none,
    ),
    response: EntriesSchema,
    rateLimit: PEER_RATE,
  }),
  peerBlocksByIds: route({
    method: 'POST',
    path: '/peer/blocks/by-id',
    idempotent: true,
    summary: 'blocks by id (unknown ids left out), with their verdicts',
    caller: 'peer',
    body: Type.Object({ ids: Type.Array(Hex64, { maxItems: MAX_BLOCKS_PER_CALL }) }, none),
    response: EntriesSchema,
    rateLimit: PEER_RATE,
  }),
  peerTxs: route({
    method: 'POST',
    path: '/peer/txs',
    idempotent: true,
    query: fromQuery,
    summary: 'offers pending transactions; one outcome per transaction, in order',
    caller: 'peer',
    body: Type.Object({ txs: Type.Array(TxSchema, { maxItems: MAX_TXS_PER_POST }) }, none),
    response: Type.Object({ results: Type.Array(TxOutcomeSchema, { maxItems: MAX_TXS_PER_POST }) }, none),
    bodyLimit: TXS_BODY_LIMIT,
    rateLimit: PEER_RATE,
  }),
  peerBlock: route({
    method: 'POST',
    path: '/peer/block',
    idempotent: true,
    query: fromQuery,
    summary: 'offers a block; refused with a stable code unless every rule holds',
    caller: 'peer',
    body: BlockSchema,
    response: AcceptedSchema,
    bodyLimit: BLOCK_BODY_LIMIT,
    rateLimit: PEER_RATE,
  }),
  peerApproval: route({
    method: 'POST',
    path: '/peer/approval',
    idempotent: true,
    query: fromQuery,
    summary: 'offers a signed verdict of a validator',
    caller: 'peer',
    body: ApprovalSchema,
    response: AcceptedSchema,
    bodyLimit: 8 * 1024,
    rateLimit: PEER_RATE,
  }),
  peerPeers: route({
    method: 'GET',
    path: '/peer/peers',
    summary: 'URLs of the peers this node knows and does not ban',
    caller: 'peer',
    response: Type.Object({ peers: Type.Array(Type.String({ maxLength: 512 }), { maxItems: 1000 }) }, none),
    rateLimit: PEER_RATE,
  }),
  peerAnnounce: route({
    method: 'POST',
    path: '/peer/announce',
    idempotent: true,
    summary: 'a node gives the URL others reach it at',
    caller: 'peer',
    body: Type.Object({ url: PeerUrlSchema }, none),
    response: Type.Object({ status: Type.Union([Type.Literal('added'), Type.Literal('known')]) }, none),
    bodyLimit: 4 * 1024,
    rateLimit: PEER_RATE,
  }),
} as const;

/** Public routes of the explorer, and transaction submission. */
export const EXPLORER_ROUTES = {
  chain: route({
    method: 'GET',
    path: '/api/chain',
    summary: 'the ledger parameters, head, last final block and counts',
    caller: 'public',
    response: ChainSummarySchema,
  }),
  blocksAt: route({
    method: 'GET',
    path: '/api/blocks/height/:height',
    summary: 'every known block at a height (more than one only across forks)',
    caller: 'public',
    params: Type.Object({ height: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }, none),
    response: Type.Object({ blocks: Type.Array(BlockViewSchema) }, none),
  }),
  block: route({
    method: 'GET',
    path: '/api/blocks/:id',
    summary: 'one block by id with its status, verdicts and transaction ids',
    caller: 'public',
    params: idParams,
    response: BlockViewSchema,
  }),
  approvals: route({
    method: 'GET',
    path: '/api/blocks/:id/approvals',
    summary: 'the verdicts counted for a block',
    caller: 'public',
    params: idParams,
    response: Type.Object({ approvals: Type.Array(ApprovalSchema) }, none),
  }),
  tx: route({
    method: 'GET',
    path: '/api/txs/:id',
    summary: 'one transaction by id, pending or in blocks',
    caller: 'public',
    params: idParams,
    response: TxViewSchema,
  }),
  txs: route({
    method: 'GET',
    path: '/api/txs',
    summary: 'transactions of the main chain, newest first, by type and/or author, a page at a time',
    caller: 'public',
    query: Type.Object(
      {
        type: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' })),
        author: Type.Optional(Hex64),
        after: Type.Optional(CursorSchema),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      },
      none,
    ),
    response: TxPageSchema,
  }),
  submitTx: route({
    method: 'POST',
    path: '/api/txs',
    summary: 'submits a signed transaction; answered once it is durably pending',
    caller: 'public',
    body: TxSchema,
    response: Type.Object(
      { id: Hex64, status: Type.Union([Type.Literal('added'), Type.Literal('known')]) },
      none,
    ),
    bodyLimit: TX_BODY_LIMIT,
  }),
  mempool: route({
    method: 'GET',
    path: '/api/mempool',
    summary: 'pending transactions in arrival order',
    caller: 'public',
    query: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, none),
    response: MempoolViewSchema,
  }),
  peers: route({
    method: 'GET',
    path: '/api/peers',
    summary: 'known peers with score, last contact and ban state',
    caller: 'public',
    response: PeerListSchema,
  }),
  exportLedger: route({
    method: 'GET',
    path: '/api/export',
    summary: 'the main chain with its verdicts as JSON lines (the ledger export format)',
    caller: 'public',
    produces: 'ndjson',
    response: Type.String(),
    rateLimit: { max: 10, timeWindowMs: 60_000 },
  }),
  search: SEARCH_ROUTE,
  ...VALIDATOR_ROUTES, // the validator console: validator-routes.ts
} as const;

/** Every route of a ledger node. */
export const LEDGER_ROUTES = { ...PEER_ROUTES, ...EXPLORER_ROUTES } as const;

/** The table type. */
export type LedgerRoutes = typeof LEDGER_ROUTES;
