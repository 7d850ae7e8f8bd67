/**
 * The explorer's search: one 64-hex value, looked up as a block id, a transaction id, a ballot tracker
 * and a ballot id, so a page can go to the right view without knowing what the value is.
 */
import { type Static, Type } from '@sinclair/typebox';
import { route } from '../../net/routes.js';
import { Hex64, StatusSchema } from './schemas.js';

const none = { additionalProperties: false } as const;

/** Most ballot records one search answers with. */
export const MAX_SEARCH_BALLOTS = 100;

/** Where a found item sits: a block of the tree (`main`: on the chain to the head), or the pool. */
const PlaceFields = {
  pending: Type.Boolean(),
  block_id: Type.Optional(Hex64),
  height: Type.Optional(Type.Integer({ minimum: 0 })),
  index: Type.Optional(Type.Integer({ minimum: 0 })),
  status: Type.Optional(StatusSchema),
  main: Type.Optional(Type.Boolean()),
};

/** A ballot or audit record whose tracker or ballot id is the value searched. */
export const SearchBallotSchema = Type.Object(
  {
    tx_id: Hex64,
    type: Type.Union([Type.Literal('ballot'), Type.Literal('audit')]),
    /** Which field matched. */
    field: Type.Union([Type.Literal('tracker'), Type.Literal('ballot_id')]),
    tracker: Hex64,
    ballot_id: Hex64,
    box: Type.Optional(Type.String({ maxLength: 200 })),
    ...PlaceFields,
  },
  none,
);

/** What a search found. */
export const SearchResultSchema = Type.Object(
  {
    q: Hex64,
    /** Blocks with this id (at most one). */
    blocks: Type.Array(
      Type.Object(
        { id: Hex64, height: Type.Integer({ minimum: 0 }), status: StatusSchema, main: Type.Boolean() },
        none,
      ),
      { maxItems: 1 },
    ),
    /** The transaction with this id, pending or on the main chain (at most one). */
    txs: Type.Array(Type.Object({ id: Hex64, type: Type.String(), ...PlaceFields }, none), { maxItems: 1 }),
    /** Ballot and audit records of the main chain and the pool with this tracker or ballot id. */
    ballots: Type.Array(SearchBallotSchema, { maxItems: MAX_SEARCH_BALLOTS }),
  },
  none,
);

/** What a search found. */
export type SearchResult = Static<typeof SearchResultSchema>;
/** One ballot or audit record found. */
export type SearchBallot = Static<typeof SearchBallotSchema>;

/** `GET /api/search?q=HEX64`. */
export const SEARCH_ROUTE = route({
  method: 'GET',
  path: '/api/search',
  summary: 'a block id, transaction id, ballot tracker or ballot id: what on the ledger has it',
  caller: 'public',
  query: Type.Object({ q: Hex64 }, none),
  response: SearchResultSchema,
});
