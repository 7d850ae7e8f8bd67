/**
 * The ballot box's route table (`/box/…`): cast, audit, a stored record by tracker, the running sum and
 * the status. The same table makes the typed client voters use (`createClient(BALLOT_BOX_ROUTES, url)`).
 * Cast and audit bodies are checked here only as envelopes; their inner fields are read strictly by the
 * protocol's readers, which answer with the protocol's codes (422).
 */
import { type Static, Type } from '@sinclair/typebox';
import { route } from '../../../net/routes.js';

const none = { additionalProperties: false } as const;
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Hex128 = Type.String({ pattern: '^[0-9a-f]{128}$' });
const Millis = Type.Integer({ minimum: 0 });

/** Largest cast or audit body (a Paillier ballot of a long manifest stays well below). */
export const BOX_BODY_LIMIT = 1024 * 1024;

/** Voters arrive in bursts and, behind Tor, from one address: casts get a high per-address limit. */
const VOTER_RATE = { max: 60_000, timeWindowMs: 60_000 } as const;

/** The cast envelope (docs/election.md §4); `ballot` and `token` are read by `readCast`. */
export const CastBodySchema = Type.Object(
  {
    election: Hex64,
    ballot_id: Hex64,
    voter_key: Hex64,
    ballot: Type.Unknown(),
    token: Type.Optional(Type.Unknown()),
    sig: Hex128,
  },
  none,
);

/** A signed receipt (docs/election.md §5). */
export const ReceiptSchema = Type.Object(
  { tracker: Hex64, box: Type.String({ minLength: 1, maxLength: 64 }), received_at: Millis, sig: Hex128 },
  none,
);

/** The Benaloh audit record (docs/election.md §6); its parts are read by `checkAudit`. */
export const AuditBodySchema = Type.Object(
  { cast: Type.Unknown(), secrets: Type.Unknown(), sig: Hex128 },
  none,
);

/** The answer to an audit: the spoiled ballot's tracker and the choices it held. */
export const AuditAnswerSchema = Type.Object(
  {
    tracker: Hex64,
    plaintext: Type.Array(Type.Array(Type.Union([Type.Literal(0), Type.Literal(1)]))),
    received_at: Millis,
  },
  none,
);

/** A stored record. */
export const RecordViewSchema = Type.Object(
  {
    tracker: Hex64,
    kind: Type.Union([Type.Literal('cast'), Type.Literal('audit')]),
    received_at: Millis,
    receipt: Type.Union([ReceiptSchema, Type.Null()]),
    superseded: Type.Boolean(),
    forward_state: Type.Union([Type.Literal('pending'), Type.Literal('included'), Type.Literal('refused')]),
    tx_id: Type.Union([Hex64, Type.Null()]),
    forward_error: Type.Union([Type.String(), Type.Null()]),
  },
  none,
);

/** Per question, per option, one ciphertext in the scheme's JSON (`null` before the election key exists). */
const Sums = Type.Union([Type.Array(Type.Array(Type.Unknown())), Type.Null()]);

/** The running encrypted sum. */
export const SumViewSchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    sum: Sums,
    superseded: Type.Object({ count: Type.Integer({ minimum: 0 }), sum: Sums }, none),
  },
  none,
);

/** The box's status. */
export const StatusViewSchema = Type.Object(
  {
    box: Type.String(),
    election: Hex64,
    open: Type.Boolean(),
    opens_at: Millis,
    closes_at: Millis,
    time: Millis,
    key_ready: Type.Boolean(),
    casts: Type.Integer({ minimum: 0 }),
    audits: Type.Integer({ minimum: 0 }),
    superseded: Type.Integer({ minimum: 0 }),
    pending_forward: Type.Integer({ minimum: 0 }),
    refused: Type.Integer({ minimum: 0 }),
    faults: Type.Array(Type.String()),
  },
  none,
);

/** The routes. */
export const BALLOT_BOX_ROUTES = {
  boxCast: route({
    method: 'POST',
    path: '/box/casts',
    summary: 'cast a ballot; answers with the signed receipt once the ballot is durably stored',
    caller: 'public',
    body: CastBodySchema,
    response: ReceiptSchema,
    bodyLimit: BOX_BODY_LIMIT,
    rateLimit: VOTER_RATE,
  }),
  boxAudit: route({
    method: 'POST',
    path: '/box/audits',
    summary: 'spoil a ballot with its revealed randomness (Benaloh challenge)',
    caller: 'public',
    body: AuditBodySchema,
    response: AuditAnswerSchema,
    bodyLimit: BOX_BODY_LIMIT,
    rateLimit: VOTER_RATE,
  }),
  boxRecord: route({
    method: 'GET',
    path: '/box/receipts/:tracker',
    summary: 'a stored ballot by tracker, with its receipt and forwarding state',
    caller: 'public',
    params: Type.Object({ tracker: Hex64 }, none),
    response: RecordViewSchema,
  }),
  boxSum: route({
    method: 'GET',
    path: '/box/sum',
    summary: 'the running encrypted sum of the accepted ballots, with counts',
    caller: 'public',
    response: SumViewSchema,
  }),
  boxStatus: route({
    method: 'GET',
    path: '/box/status',
    summary: 'whether the box takes ballots now, and its counts',
    caller: 'public',
    response: StatusViewSchema,
  }),
} as const;

/** The route table type. */
export type BallotBoxRoutes = typeof BALLOT_BOX_ROUTES;
/** A cast body as the client sends it. */
export type CastBody = Static<typeof CastBodySchema>;
/** An audit body as the client sends it. */
export type AuditBody = Static<typeof AuditBodySchema>;
/** A receipt as the client receives it. */
export type ReceiptView = Static<typeof ReceiptSchema>;
