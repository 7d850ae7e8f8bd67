/**
 * Routes an election node adds to the ledger's, the registrar's and the ballot box's: the election's
 * status as this node's ledger shows it (public), and the registrar node's administration of the election
 * it runs — create it on the ledger, close voting early (node admin token).
 */
import { Type } from '@sinclair/typebox';
import { route } from '../../net/routes.js';

const Obj = <T extends Parameters<typeof Type.Object>[0]>(p: T) =>
  Type.Object(p, { additionalProperties: false });
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Millis = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });

/** One ballot box of an election to create. */
const BoxInput = Obj({ id: Type.String({ minLength: 1, maxLength: 200 }), key: Hex64, url: Type.String() });
/** One trustee of an election to create. */
const TrusteeInput = Obj({
  index: Type.Integer({ minimum: 1, maximum: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  key: Hex64,
});

/** What the registrar node needs to define an election; it adds its key, the roll and the ledger keys. */
export const CreateElectionSchema = Obj({
  id: Id,
  manifest: Type.Unknown(),
  opens_at: Millis,
  closes_at: Millis,
  scheme: Type.Optional(
    Type.Union([
      Type.Literal('elgamal-ristretto255'),
      Type.Literal('elgamal-modp2048'),
      Type.Literal('elgamal-modp3072'),
      Type.Literal('paillier'),
    ]),
  ),
  eligibility: Type.Optional(Type.Union([Type.Literal('identity-keys'), Type.Literal('blind-tokens')])),
  revote: Type.Optional(Type.Union([Type.Literal('once'), Type.Literal('last')])),
  boxes: Type.Array(BoxInput, { minItems: 1, maxItems: 64 }),
  trustees: Obj({
    n: Type.Integer({ minimum: 1, maximum: 64 }),
    k: Type.Integer({ minimum: 1, maximum: 64 }),
    members: Type.Array(TrusteeInput, { minItems: 1, maxItems: 64 }),
  }),
});

/** The election as this node's ledger shows it. */
export const ElectionStatusSchema = Obj({
  phase: Type.String(),
  problem: Type.Optional(Type.String()),
  election: Type.Optional(Type.String()),
  fingerprint: Type.Optional(Type.String()),
  opens_at: Type.Optional(Millis),
  closes_at: Type.Optional(Millis),
  /** Head and last final block heights. */
  height: Type.Integer(),
  final_height: Type.Integer(),
  /** Read at the last final block. */
  final: Obj({
    phase: Type.String(),
    eligible: Type.Integer(),
    ballots: Type.Integer(),
    counted: Type.Integer(),
    decryptions: Type.Integer(),
    results: Type.Optional(Type.Unknown()),
    result_tx: Type.Optional(Type.String()),
  }),
});

/** The route table of an election node's own routes. */
export const ELECTION_NODE_ROUTES = {
  electionStatus: route({
    method: 'GET',
    path: '/election/status',
    summary: "the election on this node's ledger: phase, eligible voters, ballots, counts, result",
    caller: 'public',
    response: ElectionStatusSchema,
  }),
  electionCreate: route({
    method: 'POST',
    path: '/election/admin/create',
    summary: 'the registrar defines an election on the ledger over its current roll (node admin token)',
    caller: 'admin',
    body: CreateElectionSchema,
    response: Obj({ id: Type.String(), fingerprint: Hex64, tx_id: Hex64, definition: Type.Unknown() }),
    bodyLimit: 256 * 1024,
  }),
  electionClose: route({
    method: 'POST',
    path: '/election/admin/close',
    summary: 'the registrar closes voting early: flushes its eligibility records, posts the close',
    caller: 'admin',
    body: Obj({}),
    response: Obj({ tx_id: Hex64, status: Type.Literal('submitted') }),
    bodyLimit: 4096,
  }),
} as const;

/** The table type. */
export type ElectionNodeRoutes = typeof ELECTION_NODE_ROUTES;
