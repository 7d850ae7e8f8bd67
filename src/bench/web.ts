/**
 * The web app's figures, measured in headless Chromium (Debian's `/usr/bin/chromium`, driven by
 * playwright-core) against the built app (`dist/web`) served by the nodes' own web serving code:
 *
 * - `web.booth_js_kb_gz`: the JavaScript the booth page loads — what Chromium actually downloads when it
 *   opens `/booth` (the entry chunk, its imports, the booth chunk) plus the booth's Web Worker — each
 *   response body gzipped (level 6, as a server would send it), in KiB.
 * - `web.booth_encrypt_ms`: in that worker, encrypting, proving and signing one 1-of-5 ballot of a
 *   synthetic ristretto255 election (the worker's `encrypt` message): the median of 30 runs after 5
 *   warm-up runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { defaultWebRoot, installCors, installWebApp } from '../net/web.js';
import type { Figure } from './measure.js';

/** Debian's Chromium and the flags of a browser that talks only to the page under test. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const WARMUP = 5;
const RUNS = 30;

/** The booth worker's built file (`assets/booth-worker-HASH.js`). */
function boothWorkerFile(root: string): string {
  const name = readdirSync(join(root, 'assets')).find((f) => /^booth-worker-[\w-]+\.js$/.test(f));
  if (!name) throw new Error(`no booth worker in ${join(root, 'assets')}: rebuild the web app`);
  return `/assets/${name}`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The web figures; throws when Chromium or the built app is missing. */
export async function webFigures(): Promise<Figure[]> {
  const root = defaultWebRoot();
  if (!root) throw new Error('the web app is not built (npx vite build --config web/vite.config.ts)');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const worker = boothWorkerFile(root);
  const { chromium } = await import('playwright-core');

  const app = Fastify({ logger: false });
  installCors(app);
  installWebApp(app, root);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext();
    // Every JavaScript response the booth loads, by URL: its gzipped size.
    const js = new Map<string, Promise<number>>();
    context.on('response', (r) => {
      const url = r.url();
      const type = r.headers()['content-type'] ?? '';
      if (!url.startsWith(base) || !(type.includes('javascript') || url.endsWith('.js'))) return;
      if (!js.has(url))
        js.set(
          url,
          r.body().then((b) => gzipSync(b, { level: 6 }).length),
        );
    });
    const page = await context.newPage();
    await page.goto(`${base}/booth`, { waitUntil: 'networkidle' });
    await page.locator('h1').first().waitFor();

    // The booth's worker, asked as the booth asks it; its script is one of the responses counted.
    const times = await page.evaluate(
      async ({ file, warmup, runs }) => {
        const w = new Worker(file, { type: 'module' });
        let id = 0;
        const ask = (n: number) =>
          new Promise<number[]>((resolve, reject) => {
            const me = ++id;
            w.onmessage = (e: MessageEvent) => {
              const m = e.data as { id: number; type: string; value?: { ms: number[] }; message?: string };
              if (m.id !== me || m.type === 'progress') return;
              if (m.type === 'done' && m.value) resolve(m.value.ms);
              else reject(new Error(`${m.type}: ${m.message ?? ''}`));
            };
            w.onerror = (e) => reject(new Error(e.message));
            w.postMessage({ type: 'encrypt', id: me, runs: n });
          });
        await ask(warmup);
        const ms = await ask(runs);
        w.terminate();
        return ms;
      },
      { file: worker, warmup: WARMUP, runs: RUNS },
    );
    if (times.length !== RUNS) throw new Error(`the booth worker answered ${times.length} runs, not ${RUNS}`);
    await page.waitForLoadState('networkidle');
    const workerUrl = `${base}${worker}`;
    if (!js.has(workerUrl)) throw new Error(`the booth worker's script was not seen loading (${workerUrl})`);
    const sizes = await Promise.all(js.values());
    const kb = sizes.reduce((a, b) => a + b, 0) / 1024;
    return [
      {
        name: 'web.booth_encrypt_ms',
        value: median(times),
        unit: 'ms',
        target: { op: '<=', value: 100 },
      },
      { name: 'web.booth_js_kb_gz', value: kb, unit: 'KiB', target: { op: '<=', value: 500 } },
    ];
  } finally {
    await browser.close();
    await app.close();
  }
}
