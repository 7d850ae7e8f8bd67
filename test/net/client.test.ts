/**
 * The typed client against a real sample server: typed calls, exact big integers in both directions,
 * remote errors with their codes, response checking, timeouts, aborts and transport failures.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_ROUTES,
  createClient,
  createHttpTransport,
  JsonInt,
  RemoteError,
  route,
  TransportError,
} from '../../src/net/index.js';
import { BIG, type Running, sampleRoutes, startSample } from './sample-routes.js';

let s: Running;
const ADMIN = 'client-test-admin-token';
const table = { ...BASE_ROUTES, ...sampleRoutes };

beforeAll(async () => {
  s = await startSample({ adminToken: ADMIN });
});
afterAll(async () => {
  await s.server.stop();
});

/** Resolves with the error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('typed calls', () => {
  it('send and receive big integers exactly', async () => {
    const c = createClient(table, s.url);
    const echoed = await c.echo({ body: { n: BIG, label: 'big' } });
    expect(echoed).toEqual({ n: BIG, label: 'big' });
    expect(typeof echoed.n).toBe('bigint');
    expect(await c.echo({ body: { n: 5, label: 'small' } })).toEqual({ n: 5, label: 'small' });
    await c.addItem({ body: { id: BIG, name: 'big' } });
    expect(await c.getItem({ params: { id: BIG }, query: { upper: true } })).toEqual({
      id: BIG,
      name: 'BIG',
    });
    expect((await c.health()).status).toBe('ok');
  });

  it('type the arguments from the table', () => {
    const c = createClient(table, s.url);
    // these never run: the compiler checks them
    const typed = (): void => {
      // @ts-expect-error the body needs a label
      void c.echo({ body: { n: 1 } });
      // @ts-expect-error getItem needs params
      void c.getItem();
      void c.health();
    };
    expect(typeof typed).toBe('function');
  });

  it('work under a base URL with a path prefix', async () => {
    const c = createClient(table, `${s.url}/`);
    expect((await c.health()).status).toBe('ok');
  });
});

describe('remote errors carry the stable code', () => {
  it('for domain failures and missing things', async () => {
    const c = createClient(table, s.url);
    await c.addItem({ body: { id: 42, name: 'x' } });
    const dup = await failure(c.addItem({ body: { id: 42, name: 'y' } }));
    expect(dup).toBeInstanceOf(RemoteError);
    expect(dup).toMatchObject({ status: 409, code: 'TX_DUPLICATE' });
    expect(await failure(c.getItem({ params: { id: 4242 } }))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('for bodies the server refuses (sent through a looser table)', async () => {
    const loose = {
      addItem: route({
        method: 'POST',
        path: '/items',
        summary: 'no checks on this side',
        caller: 'public',
        body: Type.Unknown(),
        response: Type.Unknown(),
      }),
    };
    const c = createClient(loose, s.url);
    expect(await failure(c.addItem({ body: { id: -1 } }))).toMatchObject({
      status: 400,
      code: 'BODY_INVALID',
    });
  });

  it('for admin routes without or with the token', async () => {
    const anon = createClient(table, s.url);
    expect(await failure(anon.reset({ body: {} }))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const admin = createClient(table, s.url, { adminToken: ADMIN });
    expect(await admin.reset({ body: {} })).toEqual({ removed: expect.any(Number) });
  });
});

describe('responses are checked', () => {
  it('a response outside the client table schema → RESPONSE_INVALID', async () => {
    const strict = {
      getItem: route({
        method: 'GET',
        path: '/items/:id',
        summary: 'expects short names',
        caller: 'public',
        params: Type.Object({ id: JsonInt() }),
        response: Type.Object({ id: JsonInt(), name: Type.String({ maxLength: 1 }) }),
      }),
    };
    await createClient(table, s.url).addItem({ body: { id: 7, name: 'seven' } });
    const e = await failure(createClient(strict, s.url).getItem({ params: { id: 7 } }));
    expect(e).toBeInstanceOf(TransportError);
    expect(e).toMatchObject({ code: 'RESPONSE_INVALID' });
  });

  it('an error without the error body, or too large a response, is refused', async () => {
    const plain: Server = createHttpServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>bad gateway</h1>');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    try {
      const e = await failure(createClient(BASE_ROUTES, url).health());
      expect(e).toMatchObject({ code: 'RESPONSE_INVALID', status: 502 });
    } finally {
      await new Promise((r) => plain.close(r));
    }
    const tiny = createClient(table, s.url, { maxResponseBytes: 10 });
    expect(await failure(tiny.health())).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });
});

describe('pooled connections', () => {
  it('a GET or idempotent POST on a connection the server dropped is sent once more; a POST is not', async () => {
    // answers the first request of each connection, drops the connection on the second
    const seen = new WeakMap<object, number>();
    const flaky: Server = createHttpServer((req, res) => {
      const n = (seen.get(req.socket) ?? 0) + 1;
      seen.set(req.socket, n);
      if (n > 1) return req.socket.destroy();
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","uptime_ms":1}');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
    const transport = createHttpTransport({ keepAlive: true });
    const echoish = {
      ...BASE_ROUTES,
      post: route({
        method: 'POST',
        path: '/health',
        summary: 'same answer, by POST',
        caller: 'public',
        body: Type.Object({}),
        response: BASE_ROUTES.health.response,
      }),
      repost: route({
        method: 'POST',
        path: '/health2',
        summary: 'same answer, by a POST declared idempotent',
        caller: 'public',
        idempotent: true,
        body: Type.Object({}),
        response: BASE_ROUTES.health.response,
      }),
    };
    const c = createClient(echoish, url, { transport });
    try {
      expect((await c.health()).status).toBe('ok');
      expect((await c.health()).status).toBe('ok');
      expect(await failure(c.post({ body: {} }))).toMatchObject({ code: 'UNREACHABLE' });
      expect((await c.repost({ body: {} })).status).toBe('ok');
      expect((await c.repost({ body: {} })).status).toBe('ok');
    } finally {
      transport.close();
      flaky.closeAllConnections();
      await new Promise((r) => flaky.close(r));
    }
  });
});

describe('timeouts and aborts', () => {
  it('a call past its timeout fails with TIMEOUT promptly', async () => {
    const c = createClient(table, s.url, { timeoutMs: 5_000 });
    const t0 = Date.now();
    const e = await failure(c.slow({ query: { ms: 3_000 } }, { timeoutMs: 100 }));
    expect(e).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it('a call aborted by its signal or the client signal fails with ABORTED', async () => {
    const c = createClient(table, s.url);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await failure(c.slow({ query: { ms: 3_000 } }, { signal: ac.signal }))).toMatchObject({
      code: 'ABORTED',
    });
    const whole = new AbortController();
    const c2 = createClient(table, s.url, { signal: whole.signal });
    whole.abort();
    expect(await failure(c2.health())).toMatchObject({ code: 'ABORTED' });
  });

  it('no server → UNREACHABLE', async () => {
    const closed = createHttpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await failure(createClient(BASE_ROUTES, `http://127.0.0.1:${port}`).health());
    expect(e).toMatchObject({ code: 'UNREACHABLE' });
  });
});
