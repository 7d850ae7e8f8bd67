/** Streamed JSON-lines routes: the server writes lines as produced, the client gets the text, misuse is a 500. */
import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../src/crypto/result.js';
import {
  createClient,
  createServer,
  type NetServer,
  netFail,
  RemoteError,
  rawStream,
  route,
} from '../../src/net/index.js';

const routes = {
  lines: route({
    method: 'GET',
    path: '/lines',
    summary: 'n JSON lines',
    caller: 'public',
    produces: 'ndjson',
    query: Type.Object(
      { n: Type.Integer({ minimum: 0, maximum: 100_000 }) },
      { additionalProperties: false },
    ),
    response: Type.String(),
  }),
  missing: route({
    method: 'GET',
    path: '/missing',
    summary: 'refuses before streaming',
    caller: 'public',
    produces: 'ndjson',
    response: Type.String(),
  }),
  wrong: route({
    method: 'GET',
    path: '/wrong',
    summary: 'a stream on a JSON route',
    caller: 'public',
    response: Type.Object({}),
  }),
} as const;

let server: NetServer;
let url: string;

beforeAll(async () => {
  async function* count(n: number): AsyncGenerator<string> {
    for (let i = 0; i < n; i++) yield JSON.stringify({ i });
  }
  server = createServer({
    routes,
    logger: pino({ level: 'silent' }),
    handlers: {
      lines: ({ query }) => ok(rawStream(count(query.n))),
      missing: () => netFail('NOT_FOUND', 'nothing to stream'),
      wrong: () => ok(rawStream(['{}'])),
    },
  });
  url = await server.start();
});
afterAll(() => server.stop());

describe('ndjson routes', () => {
  it('streams every line with its newline and the ndjson content type', async () => {
    const res = await fetch(`${url}/lines?n=20000`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).split('\n');
    expect(lines.length).toBe(20001);
    expect(lines[19999]).toBe('{"i":19999}');
    expect(lines[20000]).toBe('');
  });

  it('gives the client the whole text', async () => {
    const c = createClient(routes, url);
    expect(await c.lines({ query: { n: 2 } })).toBe('{"i":0}\n{"i":1}\n');
    expect(await c.lines({ query: { n: 0 } })).toBe('');
  });

  it('sends error bodies as usual', async () => {
    const c = createClient(routes, url);
    await expect(c.missing()).rejects.toBeInstanceOf(RemoteError);
    await expect(c.missing()).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses a stream on a JSON route with RESPONSE_INVALID', async () => {
    const res = await fetch(`${url}/wrong`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'RESPONSE_INVALID', message: expect.any(String) } });
  });

  it('refuses a table whose ndjson route has a non-string response schema', () => {
    const bad = { x: { ...routes.lines, response: Type.Object({}) } };
    expect(() =>
      createServer({ routes: bad, logger: pino({ level: 'silent' }), handlers: { x: () => ok({}) } }),
    ).toThrow(/ndjson/);
  });
});
