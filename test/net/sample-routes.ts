/** A sample route table and a real server on a loopback port, shared by the net tests. */

import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { ok } from '../../src/crypto/result.js';
import { lfail } from '../../src/ledger/errors.js';
import {
  type Closable,
  createServer,
  type Handlers,
  JsonInt,
  type NetLimits,
  type NetServer,
  netFail,
  type PaddingOptions,
  rawJson,
  route,
  sleep,
} from '../../src/net/index.js';

const Item = Type.Object({ id: JsonInt(), name: Type.String() }, { additionalProperties: false });

/** Routes covering every part: params, query, body, admin, limits, bad handlers. */
export const sampleRoutes = {
  echo: route({
    method: 'POST',
    path: '/echo',
    summary: 'returns the body',
    caller: 'public',
    body: Type.Object(
      { n: JsonInt(), label: Type.String({ maxLength: 50 }) },
      { additionalProperties: false },
    ),
    response: Type.Object({ n: JsonInt(), label: Type.String() }, { additionalProperties: false }),
  }),
  getItem: route({
    method: 'GET',
    path: '/items/:id',
    summary: 'one item',
    caller: 'public',
    params: Type.Object({ id: JsonInt({ minimum: 0n }) }, { additionalProperties: false }),
    query: Type.Object({ upper: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    response: Item,
  }),
  addItem: route({
    method: 'POST',
    path: '/items',
    summary: 'adds an item',
    caller: 'peer',
    body: Type.Object(
      { id: JsonInt({ minimum: 0n }), name: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
    response: Type.Object({ stored: Type.Integer() }, { additionalProperties: false }),
  }),
  reset: route({
    method: 'POST',
    path: '/admin/reset',
    summary: 'forgets every item',
    caller: 'admin',
    body: Type.Object({}, { additionalProperties: false }),
    response: Type.Object({ removed: Type.Integer() }, { additionalProperties: false }),
  }),
  slow: route({
    method: 'GET',
    path: '/slow',
    summary: 'answers after a while',
    caller: 'public',
    query: Type.Object(
      { ms: Type.Integer({ minimum: 0, maximum: 60_000 }) },
      { additionalProperties: false },
    ),
    response: Type.Object({ waited: Type.Integer() }, { additionalProperties: false }),
  }),
  small: route({
    method: 'POST',
    path: '/small',
    summary: 'takes tiny bodies',
    caller: 'public',
    bodyLimit: 64,
    body: Type.Object({ s: Type.String() }, { additionalProperties: false }),
    response: Type.Object({ length: Type.Integer() }, { additionalProperties: false }),
  }),
  limited: route({
    method: 'GET',
    path: '/limited',
    summary: 'three a minute',
    caller: 'public',
    rateLimit: { max: 3, timeWindowMs: 60_000 },
    response: Type.Object({ ok: Type.Boolean() }, { additionalProperties: false }),
  }),
  raw: route({
    method: 'GET',
    path: '/raw/:which',
    summary: 'pre-encoded JSON, good or bad',
    caller: 'public',
    params: Type.Object({ which: Type.Union([Type.Literal('good'), Type.Literal('bad')]) }),
    response: Item,
  }),
  broken: route({
    method: 'GET',
    path: '/broken',
    summary: 'returns a value outside its schema',
    caller: 'public',
    response: Type.Object({ count: Type.Integer() }, { additionalProperties: false }),
  }),
  whoami: route({
    method: 'GET',
    path: '/whoami',
    summary: 'the address the request came from',
    caller: 'public',
    response: Type.Object({ ip: Type.String() }, { additionalProperties: false }),
  }),
  crash: route({
    method: 'GET',
    path: '/crash',
    summary: 'throws',
    caller: 'public',
    response: Type.Object({}),
  }),
} as const;

/** 2^200 + 7: far beyond the safe-integer range. */
export const BIG = 2n ** 200n + 7n;

/** The in-memory state the handlers change. */
export interface SampleState {
  readonly items: Map<bigint, string>;
}

/** Handlers of {@link sampleRoutes} over `state`. */
export function sampleHandlers(state: SampleState): Handlers<typeof sampleRoutes> {
  return {
    echo: ({ body }) => ok(body),
    getItem: ({ params, query }) => {
      const id = BigInt(params.id);
      const name = state.items.get(id);
      if (name === undefined) return netFail('NOT_FOUND', `no item ${id}`);
      return ok({ id: params.id, name: query.upper ? name.toUpperCase() : name });
    },
    addItem: ({ body }) => {
      const id = BigInt(body.id);
      if (state.items.has(id)) return lfail('TX_DUPLICATE', `item ${id} exists`);
      state.items.set(id, body.name);
      return ok({ stored: state.items.size });
    },
    reset: () => {
      const removed = state.items.size;
      state.items.clear();
      return ok({ removed });
    },
    slow: async ({ query, signal }) => {
      await sleep(query.ms, signal).catch(() => undefined);
      return ok({ waited: query.ms });
    },
    small: ({ body }) => ok({ length: body.s.length }),
    limited: () => ok({ ok: true }),
    raw: ({ params }) =>
      ok(
        rawJson(
          params.which === 'good' ? `{"id":${BIG},"name":"raw"}` : `{"id":"not a number","name":"raw"}`,
        ),
      ),
    broken: () => ok({ count: 1.5 }),
    whoami: ({ ip }) => ok({ ip }),
    crash: () => {
      throw new Error('secret internal detail');
    },
  };
}

/** A running sample server plus what tests inspect. */
export interface Running {
  readonly server: NetServer;
  readonly url: string;
  readonly state: SampleState;
  /** Every log line the server wrote. */
  readonly logs: string[];
}

/** Options of {@link startSample}. */
export interface SampleOptions {
  readonly limits?: Partial<NetLimits>;
  readonly adminToken?: string;
  readonly padding?: PaddingOptions;
  readonly resources?: readonly Closable[];
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly webRoot?: string;
}

/** Starts a sample server on 127.0.0.1 with a free port. */
export async function startSample(opts: SampleOptions = {}): Promise<Running> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const state: SampleState = { items: new Map() };
  const server = createServer({
    routes: sampleRoutes,
    handlers: sampleHandlers(state),
    logger: pino({ level: 'info' }, sink),
    ...opts,
  });
  const url = await server.start();
  return { server, url, state, logs };
}
