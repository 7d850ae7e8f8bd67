/**
 * The explorer in a real browser (Chromium through playwright-core) against a real node serving the
 * built app (dist/web) over HTTP: the chain picture with its accessible name and block links, live
 * updates in place (a side branch appears, finality and rejection show in words, a new block is
 * announced — all without a reload), and the search box going to a transaction and to a block. The node
 * mines but does not validate: the test posts the one validator's verdicts itself, so it decides when
 * blocks become final or rejected. Needs the built app (`npx vite build --config web/vite.config.ts`)
 * and /usr/bin/chromium (skipped with a warning without it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteRegistry } from '../src/cli/node-registry.js';
import { canonicalJson } from '../src/crypto/encoding/canonical-json.js';
import { ed25519Native as ed } from '../src/crypto/node/ed25519-native.js';
import { systemRng } from '../src/crypto/rng.js';
import { approvalJson, signApproval } from '../src/ledger/authority/approval.js';
import { txId } from '../src/ledger/authority/tx.js';
import { blockId, blockJson } from '../src/ledger/block.js';
import { MemoryStore } from '../src/ledger/memory-store.js';
import { workerPowSearch } from '../src/ledger/node/pow-worker.js';
import { searchNonceSync } from '../src/ledger/pow.js';
import { createClient } from '../src/net/client.js';
import type { NetServer } from '../src/net/server.js';
import { httpConnector } from '../src/node/http/peer-client.js';
import { EXPLORER_ROUTES } from '../src/node/http/routes.js';
import { createLedgerServer } from '../src/node/http/server.js';
import { createNode, type PnyxNode } from '../src/node/node.js';
import { GENESIS, identity, note, until, VALIDATOR } from './node-http/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB = resolve(import.meta.dirname, '../dist/web');
const present = existsSync(CHROMIUM);
if (!present)
  console.warn(`explorer browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`);
const SHOTS = join(tmpdir(), 'pnyx-explorer-shots');

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: canonicalJson(body as never),
  });
  return { status: r.status, text: await r.text() };
}

(present ? describe : describe.skip)('explorer in Chromium against a live node', () => {
  let node: PnyxNode<null>;
  let server: NetServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const connector = httpConnector({ timeoutMs: 5000 });
  let api: ReturnType<typeof createClient<typeof EXPLORER_ROUTES>>;

  beforeAll(async () => {
    expect(existsSync(join(WEB, 'index.html')), `${WEB} is not built`).toBe(true);
    const built = await createNode<null>({
      name: 'explorer',
      roles: ['observer', 'miner'],
      store: new MemoryStore(),
      registry: noteRegistry,
      ed,
      identity: identity('explorer miner'),
      logger: pino({ level: 'silent' }),
      now: Date.now,
      rng: systemRng,
      connect: connector.connect,
      genesis: blockJson(GENESIS),
      peers: [],
      search: workerPowSearch(),
      tuning: { sync: { intervalMs: 200 }, retryMs: 100 },
    });
    if (!built.ok) throw new Error(built.message);
    node = built.value;
    server = createLedgerServer({
      node,
      roles: ['observer', 'miner'],
      logger: pino({ level: 'silent' }),
      limits: { rateLimitMax: 100_000 },
      webRoot: WEB,
    });
    await node.start();
    url = await server.start();
    api = createClient(EXPLORER_ROUTES, url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      headless: true,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('404')) problems.push(`console: ${m.text()}`);
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await node?.stop();
    connector.close();
  });

  const approve = (id: string, height: number, verdict: 'approve' | 'reject') =>
    post(
      `${url}/peer/approval`,
      approvalJson(
        signApproval(ed, VALIDATOR.secretKey, {
          block_id: id,
          height,
          validator: VALIDATOR.publicKey,
          verdict,
          ...(verdict === 'reject' ? { reason: 'test rejection' } : {}),
        }),
      ),
    );

  it('draws the chain, then shows a side branch, finality and a new block in place', async () => {
    const g = (await api.chain()).genesis.id;
    await api.submitTx({ body: note(g, 'first note') as never });
    await until('block 1 mined', 30_000, async () => (await api.chain()).head.height >= 1);
    const b1 = (await api.chain()).head.id;

    await page.goto(`${url}/explorer`);
    const picture = page.getByRole('img', { name: /^Chain from height 0 to 1/ });
    await picture.waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Block 1', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Block 0', exact: true }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    // A competing block at height 1 from another miner, then the validator's verdicts on both.
    const mined = searchNonceSync(
      { parent_id: g, miner_name: 'other', content: { height: 1, time: Date.now(), txs: [] } },
      GENESIS.content.hardness as number,
    );
    if (!mined.ok) throw new Error(mined.message);
    const fork = blockId(mined.value);
    expect((await post(`${url}/peer/block`, blockJson(mined.value))).status).toBe(200);
    expect((await approve(b1, 1, 'approve')).status).toBe(200);
    expect((await approve(fork, 1, 'reject')).status).toBe(200);

    const list = page.getByRole('list', { name: /Blocks in the picture/ });
    const sideLink = list.getByRole('link', { name: 'Block 1 (side branch)' });
    await sideLink.waitFor({ timeout: 10_000 });
    expect(await sideLink.getAttribute('href')).toBe(`/explorer/block/${fork}`);
    const mainItem = list
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Block 1', exact: true }) });
    await expect.poll(() => mainItem.innerText(), { timeout: 10_000 }).toContain('final');
    const sideItem = list
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Block 1 (side branch)' }) });
    await expect.poll(() => sideItem.innerText(), { timeout: 10_000 }).toContain('rejected');
    await expect
      .poll(() => picture.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/final up to height 1, 1 side-branch blocks/);

    // A new block is announced in the live region.
    await api.submitTx({ body: note(g, 'second note') as never });
    await expect
      .poll(() => page.locator('[aria-live="polite"].live').innerText(), { timeout: 30_000 })
      .toMatch(/^New block 2 by explorer: pending\.$/);
    await page.getByRole('link', { name: 'Block 2', exact: true }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'explorer-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: join(SHOTS, 'explorer-375.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 90_000);

  it('the search box goes to a transaction, a block, and refuses what is not an id', async () => {
    const g = (await api.chain()).genesis.id;
    const tx = note(g, 'searched note');
    const id = txId(tx);
    await api.submitTx({ body: tx as never });
    await page.goto(`${url}/explorer`);
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill(id.toUpperCase());
    await search.press('Enter');
    await page.waitForURL(`${url}/explorer/tx/${id}`, { timeout: 10_000 });
    await page.getByRole('heading', { name: /Transaction: note/ }).waitFor();
    await expect.poll(() => page.locator('pre.json').innerText()).toContain('searched note');

    const final = (await api.chain()).final;
    await page.getByRole('searchbox', { name: 'Search' }).fill(final.id);
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.waitForURL(`${url}/explorer/block/${final.id}`, { timeout: 10_000 });
    await page.getByRole('heading', { name: `Block ${final.height} final` }).waitFor();
    await expect.poll(() => page.getByRole('table').first().innerText()).toContain('approve');

    await page.getByRole('searchbox', { name: 'Search' }).fill('not an id');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByText('Enter 64 hexadecimal digits').waitFor();
    expect(page.url()).toBe(`${url}/explorer/block/${final.id}`);
    expect(problems).toEqual([]);
  }, 60_000);
});
