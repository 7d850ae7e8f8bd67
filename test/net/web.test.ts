/**
 * The web app on a node's server: page paths answer the app's index.html with a content security
 * policy, hashed assets are served immutable, unknown paths and traversal attempts are refused with the
 * API's error body, CORS lets a page on one node call another (preflight included), and a server without
 * a web root serves no pages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_CSP, WEB_PAGES } from '../../src/net/web.js';
import { type Running, startSample } from './sample-routes.js';

let dir: string;
let web: Running;
let bare: Running;
const INDEX = '<!doctype html><title>pnyx test app</title>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pnyx-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  web = await startSample({ webRoot: dir });
  bare = await startSample();
});
afterAll(async () => {
  await web.server.stop();
  await bare.server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers / and every page path (and below) with index.html and the policy', async () => {
    for (const p of ['/', ...WEB_PAGES, '/explorer/block/ab12', '/booth/audit']) {
      const r = await fetch(web.url + p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(r.headers.get('content-security-policy')).toBe(WEB_CSP);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await r.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets as immutable, and nothing outside the assets folder', async () => {
    const a = await fetch(`${web.url}/assets/app-1234.js`);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toContain('immutable');
    expect(await a.text()).toBe('console.log(1);');
    for (const p of [
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/secret.txt',
      '/assets/none.js',
    ]) {
      const r = await fetch(web.url + p);
      expect(r.status, p).toBe(404);
      expect(await r.text()).not.toContain('not an asset');
    }
  });

  it('keeps the API answers and error bodies as they were', async () => {
    expect((await fetch(`${web.url}/health`)).status).toBe(200);
    const r = await fetch(`${web.url}/nowhere`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('allows cross-origin calls without credentials, preflight included', async () => {
    const pre = await fetch(`${web.url}/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://booth.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const r = await fetch(`${bare.url}/health`, { headers: { origin: 'http://booth.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves no pages without a web root', async () => {
    for (const p of ['/', '/booth']) {
      const r = await fetch(bare.url + p);
      expect(r.status, p).toBe(404);
      expect(await r.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
  });
});
