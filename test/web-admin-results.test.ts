/**
 * The admin, results and report pages in Chromium against the open demo (`pnyx demo --open --json
 * --voters 2`: real node processes, voting open, two simulated ballots): the administrator signs in with
 * the node admin token, sees the live turnout, closes voting through the confirmation step and watches
 * the tally until the result is final; `/results` shows the counts the simulated voters intended, with
 * the badge unchecked; `/results/report` runs the verifier in the browser and passes every check; then
 * the badge says "Verified". Needs the compiled program, the built web app and /usr/bin/chromium
 * (skipped with a warning without it). On a machine loaded far beyond its cores the demo's key ceremony
 * can miss its deadline; the demo then exits and the test fails with the demo's own sentence.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchBrowser,
  newContext,
  type PageProblems,
  shoot,
  watchPage,
} from './web/support/browser.js';
import { type OpenCluster, startOpenDemo } from './web/support/cluster.js';

(hasChromium() ? describe : describe.skip)('admin, results and report pages in Chromium', () => {
  let cluster: OpenCluster;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    cluster = await startOpenDemo(['--voters', '2', '--guests', '1']);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    problems = watchPage(page);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('signs in, shows the turnout, closes voting and follows the tally to the result', async () => {
    const { info } = cluster;
    const token = readFileSync(info.admin_token_file, 'utf8').split('\n')[0]!;
    await page.goto(info.pages.admin);
    await page.locator('#admin-login').fill(info.admin.login);
    await page.locator('#admin-password').fill(info.admin.password);
    await page.getByLabel('Node admin token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${info.admin.login}`).waitFor();
    await page.getByText('voting open', { exact: true }).first().waitFor();
    const link = page.getByRole('link', { name: 'Download ledger' });
    expect(await link.getAttribute('href')).toBe('/api/export');
    expect(await link.getAttribute('download')).toBe(`pnyx-ledger-${info.election}.jsonl`);
    await shoot(page, 'admin-open');
    await page.getByRole('button', { name: 'Close voting' }).click();
    await page.getByRole('button', { name: 'Yes, close now' }).click();
    await page.getByText('Close submitted').waitFor();
    await page.getByText('The result is on the final ledger.').waitFor({ timeout: 180_000 });
    await shoot(page, 'admin-done');
    expect(problems.errors).toEqual([]);
  }, 240_000);

  it('shows the intended counts, then verifies the ledger in the browser and says so on the badge', async () => {
    const { info } = cluster;
    await page.goto(info.pages.results);
    const chair = page.getByRole('table', { name: 'chair' });
    await chair.waitFor();
    const intended = info.simulated.intended;
    for (const [q, counts] of Object.entries(intended)) {
      const rows = page.getByRole('table', { name: q }).locator('tbody tr');
      const seen: Record<string, number> = {};
      for (const row of await rows.all()) {
        const id = (await row.getAttribute('data-option')) ?? '';
        seen[id] = Number(await row.locator('td').first().textContent());
      }
      for (const [o, n] of Object.entries(counts)) expect(seen[o] ?? 0).toBe(n);
    }
    const badge = page.getByTestId('verified-badge');
    expect(await badge.textContent()).toBe('Unchecked');
    await shoot(page, 'results-unchecked');

    await page.getByRole('link', { name: 'Run the verifier' }).click();
    await page.getByText(/^Verified: all 9 checks passed/).waitFor({ timeout: 120_000 });
    expect(await page.locator('.report-checks > li[data-ok="true"]').count()).toBe(9);
    await shoot(page, 'results-report');

    await page.goto(info.pages.results);
    await page.getByTestId('verified-badge').waitFor();
    expect(await page.getByTestId('verified-badge').textContent()).toBe('✓ Verified');
    await shoot(page, 'results-verified');
    expect(problems.errors).toEqual([]);
  }, 200_000);
});
