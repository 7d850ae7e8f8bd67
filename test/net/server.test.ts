/**
 * The server with a sample route table on a real loopback port: valid requests, every class of bad input
 * (right status, stable code, nothing changed), exact big integers, body and rate limits, auth, logs.
 */

import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/crypto/encoding/canonical-json.js';
import { ErrorBody } from '../../src/net/index.js';
import { compileCheck } from '../../src/net/schema.js';
import { BIG, type Running, sampleRoutes, startSample } from './sample-routes.js';

const checkErrorBody = compileCheck(ErrorBody);
const checkItemBody = compileCheck(sampleRoutes.addItem.body);
let s: Running;
const ADMIN = 'admin-token-5f1c9e';

beforeAll(async () => {
  s = await startSample({ adminToken: ADMIN, limits: { rateLimitMax: 10_000 } });
});
afterAll(async () => {
  await s.server.stop();
});
beforeEach(() => {
  s.state.items.clear();
  s.state.items.set(1n, 'one');
});

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

async function call(
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
) {
  // a content type only goes with a body
  const type: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const init: RequestInit = { method, headers: { ...type, ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : Buffer.from(body);
  const res = await fetch(s.url + path, init);
  const text = await res.text();
  const parsed = parseJson(text);
  return { status: res.status, text, json: parsed.ok ? parsed.value : undefined } satisfies Answer;
}

function expectError(a: Answer, status: number, code: string): void {
  expect(a.status).toBe(status);
  expect(a.json).toEqual({ error: { code, message: expect.any(String) } });
}

describe('valid requests', () => {
  it('serves /health without a table entry of its own', async () => {
    const a = await call('GET', '/health');
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ status: 'ok', uptime_ms: expect.any(Number) });
  });

  it('takes params, query and body through their schemas', async () => {
    expect((await call('GET', '/items/1?upper=true')).json).toEqual({ id: 1, name: 'ONE' });
    expect((await call('POST', '/items', '{"id":2,"name":"two"}')).json).toEqual({ stored: 2 });
    expect(s.state.items.get(2n)).toBe('two');
  });

  it('accepts a charset parameter on the content type', async () => {
    const a = await call('POST', '/echo', '{"n":1,"label":"x"}', {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(a.status).toBe(200);
  });
});

describe('big integers', () => {
  it('survive a body round trip exactly and come back as canonical JSON', async () => {
    const a = await call('POST', '/echo', `{"label":"big","n":${BIG}}`);
    expect(a.status).toBe(200);
    expect(a.text).toBe(`{"label":"big","n":${BIG}}`);
    const neg = await call('POST', '/echo', `{"label":"neg","n":-${BIG}}`);
    expect(neg.text).toBe(`{"label":"neg","n":-${BIG}}`);
  });

  it('survive as path parameters and in stored values', async () => {
    expect((await call('POST', '/items', `{"id":${BIG},"name":"big"}`)).status).toBe(200);
    expect(s.state.items.get(BIG)).toBe('big');
    const a = await call('GET', `/items/${BIG}`);
    expect(a.text).toBe(`{"id":${BIG},"name":"big"}`);
  });

  it('pass through pre-encoded responses that match the schema', async () => {
    expect((await call('GET', '/raw/good')).text).toBe(`{"id":${BIG},"name":"raw"}`);
  });
});

describe('bad input gets a stable code and changes nothing', () => {
  const cases: [
    string,
    string,
    string,
    string | Uint8Array | undefined,
    Record<string, string>,
    number,
    string,
  ][] = [
    ['syntax error', 'POST', '/items', '{"id":3,', {}, 400, 'JSON_INVALID'],
    ['duplicate key', 'POST', '/items', '{"id":3,"id":4,"name":"x"}', {}, 400, 'JSON_INVALID'],
    ['float', 'POST', '/items', '{"id":3.5,"name":"x"}', {}, 400, 'JSON_INVALID'],
    ['__proto__ key', 'POST', '/items', '{"__proto__":{},"id":3,"name":"x"}', {}, 400, 'JSON_INVALID'],
    [
      'invalid UTF-8',
      'POST',
      '/items',
      new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      {},
      400,
      'JSON_INVALID',
    ],
    ['empty body', 'POST', '/items', '', {}, 400, 'JSON_INVALID'],
    ['lone surrogate', 'POST', '/items', '{"id":3,"name":"\\ud800"}', {}, 400, 'JSON_INVALID'],
    [
      'nesting deeper than 64',
      'POST',
      '/items',
      `${'['.repeat(70)}${']'.repeat(70)}`,
      {},
      400,
      'JSON_INVALID',
    ],
    [
      'big integer where only safe ones fit',
      'GET',
      '/slow?ms=99999999999999999999',
      undefined,
      {},
      400,
      'QUERY_INVALID',
    ],
    ['missing field', 'POST', '/items', '{"id":3}', {}, 400, 'BODY_INVALID'],
    ['extra field', 'POST', '/items', '{"id":3,"name":"x","admin":true}', {}, 400, 'BODY_INVALID'],
    ['wrong type', 'POST', '/items', '{"id":"3","name":"x"}', {}, 400, 'BODY_INVALID'],
    ['negative id', 'POST', '/items', '{"id":-3,"name":"x"}', {}, 400, 'BODY_INVALID'],
    ['body not an object', 'POST', '/items', '[1,2]', {}, 400, 'BODY_INVALID'],
    ['no body', 'POST', '/items', undefined, {}, 400, 'BODY_INVALID'],
    [
      'text body',
      'POST',
      '/items',
      'id=3',
      { 'content-type': 'text/plain' },
      415,
      'CONTENT_TYPE_UNSUPPORTED',
    ],
    [
      'form body',
      'POST',
      '/items',
      'id=3',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'CONTENT_TYPE_UNSUPPORTED',
    ],
    ['bad path param', 'GET', '/items/abc', undefined, {}, 400, 'PARAMS_INVALID'],
    ['non-canonical param', 'GET', '/items/007', undefined, {}, 400, 'PARAMS_INVALID'],
    ['negative param', 'GET', '/items/-1', undefined, {}, 400, 'PARAMS_INVALID'],
    ['bad query', 'GET', '/items/1?upper=maybe', undefined, {}, 400, 'QUERY_INVALID'],
    ['unknown query key', 'GET', '/items/1?debug=1', undefined, {}, 400, 'QUERY_INVALID'],
    ['unknown route', 'GET', '/nowhere', undefined, {}, 404, 'ROUTE_NOT_FOUND'],
    ['wrong method', 'DELETE', '/items', undefined, {}, 404, 'ROUTE_NOT_FOUND'],
    ['missing item', 'GET', '/items/99', undefined, {}, 404, 'NOT_FOUND'],
    ['duplicate item (domain failure)', 'POST', '/items', '{"id":1,"name":"again"}', {}, 409, 'TX_DUPLICATE'],
  ];
  for (const [name, method, path, body, headers, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const a = await call(method, path, body, headers);
      expectError(a, status, code);
      expect([...s.state.items]).toEqual([[1n, 'one']]);
    });
  }

  it('random bodies get 400 with an error body and store nothing (property)', async () => {
    const valid = '{"id":3,"name":"three"}';
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
      .map(([i, x]) => valid.slice(0, i) + x + valid.slice(i + 1))
      .filter((t) => {
        // keep only mutations that are not themselves a valid request
        const v = parseJson(t);
        return !v.ok || checkItemBody(v.value) !== undefined;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), mutated), async (body) => {
        const a = await call('POST', '/items', body);
        expect(a.status).toBe(400);
        expect(checkErrorBody(a.json)).toBeUndefined();
        expect(s.state.items.size).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('oversized body → 413 BODY_TOO_LARGE, on the route limit and on the server limit', async () => {
    expectError(await call('POST', '/small', JSON.stringify({ s: 'x'.repeat(100) })), 413, 'BODY_TOO_LARGE');
    expect((await call('POST', '/small', '{"s":"short"}')).status).toBe(200);
    const huge = JSON.stringify({ id: 5, name: 'y'.repeat(1024 * 1024 + 10) });
    expectError(await call('POST', '/items', huge), 413, 'BODY_TOO_LARGE');
    expect(s.state.items.has(5n)).toBe(false);
  });
});

describe('admin routes need the bearer token', () => {
  it('refuses no token and a wrong token with 401 and accepts the right one', async () => {
    expectError(await call('POST', '/admin/reset', '{}'), 401, 'UNAUTHORIZED');
    expectError(
      await call('POST', '/admin/reset', '{}', { authorization: 'Bearer nope' }),
      401,
      'UNAUTHORIZED',
    );
    expectError(await call('POST', '/admin/reset', '{}', { authorization: ADMIN }), 401, 'UNAUTHORIZED');
    expect(s.state.items.size).toBe(1);
    const a = await call('POST', '/admin/reset', '{}', { authorization: `Bearer ${ADMIN}` });
    expect(a.json).toEqual({ removed: 1 });
  });
});

describe('server faults', () => {
  it('a response outside its schema → 500 RESPONSE_INVALID, raw or not', async () => {
    expectError(await call('GET', '/broken'), 500, 'RESPONSE_INVALID');
    expectError(await call('GET', '/raw/bad'), 500, 'RESPONSE_INVALID');
  });

  it('a throwing handler → 500 INTERNAL without its details', async () => {
    const a = await call('GET', '/crash');
    expectError(a, 500, 'INTERNAL');
    expect(a.text).not.toContain('secret');
  });
});

describe('logs', () => {
  it('carry method, route and status but never bodies or tokens', async () => {
    await call('POST', '/items', '{"id":77,"name":"body-marker-3b7"}');
    await call('POST', '/admin/reset', '{}', { authorization: `Bearer ${ADMIN}` });
    const all = s.logs.join('');
    expect(all).not.toContain('body-marker-3b7');
    expect(all).not.toContain(ADMIN);
    const lines = s.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ method: 'POST', route: '/items', status: 200 }));
  });
});

describe('rate limits', () => {
  it('answer 429 RATE_LIMITED past the route limit, with nothing run', async () => {
    for (let i = 0; i < 3; i++) expect((await call('GET', '/limited')).status).toBe(200);
    const res = await fetch(`${s.url}/limited`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
  });

  it('apply server-wide per address, and /health is exempt', async () => {
    const t = await startSample({ limits: { rateLimitMax: 2 } });
    try {
      const get = (p: string) => fetch(t.url + p).then((r) => r.status);
      expect(await get('/items/1')).toBe(404);
      expect(await get('/items/1')).toBe(404);
      expect(await get('/items/1')).toBe(429);
      expect(await get('/health')).toBe(200);
      expect(await get('/health')).toBe(200);
      expect(await get('/health')).toBe(200);
    } finally {
      await t.server.stop();
    }
  });
});
