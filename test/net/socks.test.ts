/**
 * Outgoing traffic through a real SOCKS5 server (Debian's microsocks, started here on a free loopback
 * port). microsocks binds its outgoing connections to 127.0.0.2, so the node sees proxied requests come
 * from 127.0.0.2 and direct ones from 127.0.0.1; killing microsocks makes proxied calls fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ROUTES, createClient, parseProxyUrl } from '../../src/net/index.js';
import { MICROSOCKS, type Socks, startMicrosocks, warnIfMissing } from './microsocks.js';
import { BIG, type Running, sampleRoutes, startSample } from './sample-routes.js';

warnIfMissing();
const table = { ...BASE_ROUTES, ...sampleRoutes };

describe.skipIf(MICROSOCKS === undefined)('SOCKS5h through microsocks', () => {
  let node: Running;
  let socks: Socks;
  let proxyUrl: string;

  beforeAll(async () => {
    node = await startSample();
    socks = await startMicrosocks();
    proxyUrl = socks.url;
  });
  afterAll(async () => {
    await socks.kill();
    await node.server.stop();
  });

  it('a direct call comes from 127.0.0.1, a proxied one from microsocks (127.0.0.2)', async () => {
    expect(await createClient(table, node.url).whoami()).toEqual({ ip: '127.0.0.1' });
    const viaProxy = createClient(table, node.url, { proxy: proxyUrl, timeoutMs: 5_000 });
    expect(await viaProxy.whoami()).toEqual({ ip: '127.0.0.2' });
  });

  it('big integers and error codes come back exactly through the proxy', async () => {
    const c = createClient(table, node.url, { proxy: proxyUrl, timeoutMs: 5_000 });
    expect(await c.echo({ body: { n: -BIG, label: 'tor' } })).toEqual({ n: -BIG, label: 'tor' });
    await expect(c.getItem({ params: { id: 123456 } })).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('with microsocks killed, proxied calls fail with UNREACHABLE while direct ones work', async () => {
    await socks.kill();
    const c = createClient(table, node.url, { proxy: proxyUrl, timeoutMs: 5_000 });
    await expect(c.health()).rejects.toMatchObject({ code: 'UNREACHABLE' });
    expect((await createClient(table, node.url).health()).status).toBe('ok');
  });
});

describe('proxy URLs', () => {
  it('accept socks5h://HOST:PORT (with optional credentials for circuit isolation)', () => {
    expect(parseProxyUrl('socks5h://127.0.0.1:9050')).toEqual({
      host: '127.0.0.1',
      port: 9050,
      url: 'socks5h://127.0.0.1:9050',
    });
    expect(parseProxyUrl('socks5h://peer1:x@localhost:9050/').url).toBe('socks5h://peer1:x@localhost:9050');
  });

  it('refuse other schemes, missing ports, paths and garbage with a sentence', () => {
    for (const bad of [
      'socks5://127.0.0.1:9050',
      'http://127.0.0.1:8080',
      'socks5h://127.0.0.1',
      'socks5h://h:1/x',
      'tor',
    ])
      expect(() => parseProxyUrl(bad)).toThrow(RangeError);
    expect(() => createClient(table, 'http://x.onion', { proxy: 'socks4://h:1' })).toThrow(/socks5h/);
  });
});
