/**
 * The fetch transport (what the web app's build uses) under the typed client, against the same real
 * sample server as the node:http transport: answers, big integers, error bodies, response checks, size
 * cap, timeouts, aborts and an unreachable node give the same results and codes.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../src/net/fetch-transport.js';
import { BASE_ROUTES, createClient, RemoteError, TransportError } from '../../src/net/index.js';
import { BIG, type Running, sampleRoutes, startSample } from './sample-routes.js';

let s: Running;
const table = { ...BASE_ROUTES, ...sampleRoutes };
const transport = createFetchTransport();
const client = (url: string, o: { maxResponseBytes?: number; timeoutMs?: number } = {}) =>
  createClient(table, url, { transport, ...o });

beforeAll(async () => {
  s = await startSample({ adminToken: 'fetch-transport-admin-token' });
});
afterAll(async () => {
  await s.server.stop();
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('the fetch transport', () => {
  it('carries typed calls with exact big integers both ways', async () => {
    const c = client(s.url);
    expect(await c.echo({ body: { n: BIG, label: 'big' } })).toEqual({ n: BIG, label: 'big' });
    await c.addItem({ body: { id: 9n, name: 'nine' } });
    expect(await c.getItem({ params: { id: 9n }, query: { upper: true } })).toEqual({ id: 9, name: 'NINE' });
  });

  it('turns error bodies into RemoteError with the server code', async () => {
    const e = await failure(client(s.url).getItem({ params: { id: 123456n } }));
    expect(e).toBeInstanceOf(RemoteError);
    expect(e).toMatchObject({ status: 404 });
    const admin = await failure(client(s.url).reset({ body: {} }));
    expect(admin).toBeInstanceOf(RemoteError);
    expect((admin as RemoteError).status).toBe(401);
  });

  it('refuses answers outside the schema, without an error body, or over the size cap', async () => {
    expect(await failure(client(s.url).broken())).toMatchObject({ code: 'RESPONSE_INVALID' });
    expect(await failure(client(s.url, { maxResponseBytes: 10 }).health())).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
    });
    const plain = createHttpServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>bad gateway</h1>');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    try {
      expect(await failure(client(url).health())).toMatchObject({ code: 'RESPONSE_INVALID', status: 502 });
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('refuses a body that is not UTF-8', async () => {
    const bad = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from([0x7b, 0xff, 0x7d]));
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    try {
      expect(await failure(client(url).health())).toMatchObject({ code: 'RESPONSE_INVALID' });
    } finally {
      await new Promise((r) => bad.close(r));
    }
  });

  it('times out, aborts, and reports an unreachable node with the same codes', async () => {
    const t0 = Date.now();
    expect(await failure(client(s.url).slow({ query: { ms: 3_000 } }, { timeoutMs: 100 }))).toMatchObject({
      code: 'TIMEOUT',
    });
    expect(Date.now() - t0).toBeLessThan(1_500);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await failure(client(s.url).slow({ query: { ms: 3_000 } }, { signal: ac.signal }))).toMatchObject({
      code: 'ABORTED',
    });
    const closed = createHttpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await failure(client(`http://127.0.0.1:${port}`).health());
    expect(e).toBeInstanceOf(TransportError);
    expect(e).toMatchObject({ code: 'UNREACHABLE' });
  });
});
