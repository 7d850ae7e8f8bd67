/**
 * HTTPS nodes: a server with a self-signed test certificate (fixtures/test-only-*.pem, for tests only),
 * reached directly and through microsocks; an untrusted certificate is refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ROUTES, createClient } from '../../src/net/index.js';
import { MICROSOCKS, startMicrosocks, warnIfMissing } from './microsocks.js';
import { BIG, type Running, sampleRoutes, startSample } from './sample-routes.js';

warnIfMissing();
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const cert = fixture('test-only-cert.pem');
const key = fixture('test-only-key.pem');
const table = { ...BASE_ROUTES, ...sampleRoutes };

let s: Running;
beforeAll(async () => {
  s = await startSample({ tls: { key, cert } });
});
afterAll(async () => {
  await s.server.stop();
});

describe('HTTPS', () => {
  it('serves https:// and round-trips big integers for a client that trusts the certificate', async () => {
    expect(s.url.startsWith('https://127.0.0.1:')).toBe(true);
    const c = createClient(table, s.url, { ca: cert });
    expect(await c.echo({ body: { n: BIG, label: 'tls' } })).toEqual({ n: BIG, label: 'tls' });
  });

  it('refuses an untrusted certificate with UNREACHABLE', async () => {
    await expect(createClient(table, s.url).health()).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });

  it.skipIf(MICROSOCKS === undefined)('works through the SOCKS5h proxy too', async () => {
    const socks = await startMicrosocks();
    try {
      const c = createClient(table, s.url, { ca: cert, proxy: socks.url, timeoutMs: 5_000 });
      expect(await c.whoami()).toEqual({ ip: '127.0.0.2' });
    } finally {
      await socks.kill();
    }
  });
});
