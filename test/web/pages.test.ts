/**
 * Every page of the web app in a real browser against the open demo: each loads without a console
 * error, an uncaught exception or a failed request, and has exactly one h1; each is shot at phone and
 * desktop width. The pages are loaded from the node that offers them (booth and admin on the registrar,
 * the validator console on a validator, the rest on the miner).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchBrowser,
  newContext,
  screenshotDir,
  shoot,
  watchPage,
} from './support/browser.js';
import { type OpenCluster, startOpenDemo } from './support/cluster.js';

const present = hasChromium();
const d = present ? describe : describe.skip;

d('web app pages (open demo, Chromium)', () => {
  let cluster: OpenCluster;
  let browser: Browser;

  beforeAll(async () => {
    screenshotDir();
    [cluster, browser] = await Promise.all([
      startOpenDemo(['--voters', '2', '--manual-validator']),
      launchBrowser(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  }, 30_000);

  /** [screenshot name, URL] of every page. */
  function pages(): [string, string][] {
    const i = cluster.info;
    const registrar = new URL(i.pages.booth).origin;
    const miner = new URL(i.pages.explorer).origin;
    return [
      ['home-registrar', `${registrar}/`],
      ['home-miner', `${miner}/`],
      ['booth', i.pages.booth],
      ['booth-audit', `${registrar}/booth/audit`],
      ['check', i.pages.check],
      ['explorer', i.pages.explorer],
      ['results', i.pages.results],
      ['results-report', `${miner}/results/report`],
      ['validator', i.pages.validator],
      ['admin', i.pages.admin],
    ];
  }

  it(
    'each page loads without errors, has one h1, and is shot at two widths',
    { timeout: 120_000 },
    async () => {
      const context = await newContext(browser);
      const failures: string[] = [];
      for (const [name, url] of pages()) {
        const page = await context.newPage();
        const seen = watchPage(page);
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor({ state: 'visible', timeout: 10_000 });
        expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
        expect((await page.locator('h1').innerText()).trim(), `${name}: h1 text`).not.toBe('');
        await shoot(page, name);
        if (seen.errors.length > 0) failures.push(`${name} ${url}:\n  ${seen.errors.join('\n  ')}`);
        await page.close();
      }
      await context.close();
      expect(failures, failures.join('\n')).toEqual([]);
    },
  );

  it('pages carry the content security policy; the API answers cross-origin calls', async () => {
    const r = await fetch(cluster.info.pages.booth);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${new URL(cluster.info.pages.explorer).origin}/api/chain`, {
      headers: { origin: new URL(cluster.info.pages.booth).origin },
    });
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
  });
});
