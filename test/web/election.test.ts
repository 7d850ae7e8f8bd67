/**
 * A whole election through the web app in Chromium, against the open demo (two simulated voters already
 * voted, validator-1 in manual mode). First validator-1's console approves a block (its console lists
 * the 20 lowest blocks it holds and only the newest final one can still be approved, so this runs while
 * the ledger is short). Then a voter logs in at the booth, registers, audits one ballot and checks the
 * audit on the audit page, reloads the booth (which offers the ballot again with the key it kept), casts
 * another, gets a tracker and finds it counted on "check my ballot" and
 * in the explorer's search; the administrator closes voting and the results page shows counts equal to
 * the votes cast, verified in the browser. Every step is shot at phone and desktop width.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** Polls `done` until it holds or `ms` pass. */
async function until(what: string, ms: number, done: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The browser's vote: cast (counted) and audited (never counted). */
const CAST = { chair: 'Bruno', budget: 'No' } as const;
const AUDITED = { chair: 'Chiara', budget: 'Yes' } as const;

d('an election through the web app (open demo, Chromium)', () => {
  let cluster: OpenCluster;
  let browser: Browser;
  let context: BrowserContext;
  let token: string;
  let tracker = '';
  const problems: string[] = [];

  beforeAll(async () => {
    screenshotDir();
    [cluster, browser] = await Promise.all([
      startOpenDemo(['--voters', '2', '--manual-validator']),
      launchBrowser(),
    ]);
    token = readFileSync(cluster.info.admin_token_file, 'utf8').trim();
    context = await newContext(browser);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  }, 30_000);

  /** A new page whose console errors are collected. */
  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    const seen = watchPage(page);
    page.once('close', () => problems.push(...seen.errors.map((e) => `${url}: ${e}`)));
    await page.goto(url);
    return page;
  }

  async function mark(page: Page, choices: { chair: string; budget: string }): Promise<void> {
    await page.getByRole('radio', { name: choices.chair, exact: true }).check();
    await page.getByRole('radio', { name: choices.budget, exact: true }).check();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
  }

  it('the manual validator approves a block in its console', { timeout: 120_000 }, async () => {
    const v = cluster.info.manual_validator!;
    const key = ((await (await fetch(`${v.url}/api/chain`)).json()) as { node: { validator: string } }).node
      .validator;
    const page = await open(cluster.info.pages.validator);
    const field = page.getByLabel('Admin token of this node');
    await field.fill(token);
    await field.press('Enter');
    const approve = page.getByRole('button', { name: /^Approve block \d+$/ });
    await until('an approvable block', 60_000, async () => {
      const n = await approve.count();
      for (let i = 0; i < n; i++) if (await approve.nth(i).isEnabled()) return true;
      return false;
    });
    await shoot(page, 'flow-validator-pending');
    let button = approve.first();
    for (let i = 0; i < (await approve.count()); i++)
      if (await approve.nth(i).isEnabled()) {
        button = approve.nth(i);
        break;
      }
    const height = Number(/(\d+)$/.exec((await button.getAttribute('aria-label')) ?? '')?.[1]);
    await button.click();
    await page.getByText(`Block ${height} approved.`).waitFor({ timeout: 30_000 });
    await shoot(page, 'flow-validator-approved');
    const at = (await (await fetch(`${v.url}/api/blocks/height/${height}`)).json()) as unknown;
    const approvals = JSON.stringify(at);
    expect(approvals).toContain(key);
    await page.close();
  });

  it(
    'a voter logs in, registers, audits a ballot, checks the audit, casts a ballot',
    { timeout: 240_000 },
    async () => {
      const voter = cluster.info.voters[0]!;
      const page = await open(cluster.info.pages.booth);
      await page.getByLabel('Login', { exact: true }).fill(voter.login);
      await page.getByLabel('Password', { exact: true }).fill(voter.password);
      await shoot(page, 'flow-booth-login');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();

      await page.getByRole('button', { name: 'Register', exact: true }).click({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Export key file' }).waitFor({ timeout: 30_000 });
      await shoot(page, 'flow-booth-registered');
      await page.getByRole('button', { name: 'Go to the ballot' }).click();

      // The worker waits until the key is on the final ledger.
      await page.getByRole('radio', { name: AUDITED.chair, exact: true }).waitFor({ timeout: 90_000 });
      await shoot(page, 'flow-booth-ballot');
      await mark(page, AUDITED);
      await page.getByRole('button', { name: 'Audit this ballot' }).click();
      await page.getByRole('heading', { name: 'Audited ballot (not counted)' }).waitFor({ timeout: 60_000 });
      await shoot(page, 'flow-booth-audited');

      // The audit page of the same node finds the record this browser kept, and checks it.
      const audit = await open(`${new URL(cluster.info.pages.booth).origin}/booth/audit`);
      expect(await audit.getByLabel('Audit record (JSON)').inputValue()).toContain('"secrets"');
      await audit.getByRole('button', { name: 'Check audit' }).click();
      await audit.getByText(/^Valid audit: ballot/).waitFor({ timeout: 60_000 });
      expect(await audit.locator('output').innerText()).toContain(AUDITED.chair);
      await shoot(audit, 'flow-booth-audit-checked');
      await audit.close();

      await page.getByRole('button', { name: 'Start over' }).click();
      await page.getByRole('radio', { name: CAST.chair, exact: true }).waitFor({ timeout: 60_000 });
      // A reload forgets the login but not the registered key: the booth offers the ballot at once.
      await page.reload();
      await page.getByRole('button', { name: 'Continue to my ballot' }).click({ timeout: 30_000 });
      await page.getByRole('radio', { name: CAST.chair, exact: true }).waitFor({ timeout: 60_000 });
      await mark(page, CAST);
      await shoot(page, 'flow-booth-review');
      await page.getByRole('button', { name: 'Cast ballot' }).click();
      const shown = page.getByTestId('tracker');
      await shown.waitFor({ timeout: 60_000 });
      tracker = (await shown.innerText()).trim();
      expect(tracker).toMatch(/^[0-9a-f]{16,}$/);
      const boxes = page.getByRole('list', { name: 'Ballot boxes' }).getByRole('listitem');
      expect(await boxes.count()).toBeGreaterThanOrEqual(1);
      expect(await boxes.filter({ hasText: 'confirmed' }).count()).toBe(await boxes.count());
      await shoot(page, 'flow-booth-receipt');
      await page.close();
    },
  );

  it(
    'the tracker is counted on "check my ballot" and found in the explorer',
    { timeout: 180_000 },
    async () => {
      expect(tracker).not.toBe('');
      const page = await open(`${cluster.info.pages.check}?tracker=${tracker}`);
      const result = page.getByTestId('check-result');
      await until('the ballot counted on the check page', 120_000, async () => {
        if ((await result.innerText().catch(() => '')).includes('Counted')) return true;
        await page.waitForTimeout(1500);
        if (!(await result.innerText().catch(() => '')).includes('Counted')) await page.reload();
        return false;
      });
      expect(await result.innerText()).toContain(tracker);
      await shoot(page, 'flow-check-counted');
      await page.close();

      const explorer = await open(cluster.info.pages.explorer);
      await explorer.getByLabel('Search', { exact: true }).fill(tracker);
      await explorer.getByLabel('Search', { exact: true }).press('Enter');
      await explorer.getByText(/Ballot records with this tracker \(\d+\)/).waitFor({ timeout: 30_000 });
      expect(await explorer.getByText(tracker.slice(0, 12)).count()).toBeGreaterThanOrEqual(1);
      await shoot(explorer, 'flow-explorer-tracker');
      await explorer.close();
    },
  );

  it(
    'the administrator closes voting; the results equal the votes cast and verify',
    { timeout: 300_000 },
    async () => {
      const admin = cluster.info.admin;
      const page = await open(cluster.info.pages.admin);
      const form = page.getByRole('form', { name: 'Administrator sign-in' });
      await form.getByLabel('Login', { exact: true }).fill(admin.login);
      await form.getByLabel('Password', { exact: true }).fill(admin.password);
      await form.getByLabel('Node admin token').fill(token);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Close voting' }).click({ timeout: 30_000 });
      await shoot(page, 'flow-admin-close');
      await page.getByRole('button', { name: 'Yes, close now' }).click();
      await page.getByText('The result is on the final ledger.').waitFor({ timeout: 180_000 });
      await shoot(page, 'flow-admin-closed');
      await page.getByRole('link', { name: 'See the results' }).click();

      await page.getByRole('heading', { name: 'Results', exact: true, level: 1 }).waitFor();
      const origin = new URL(cluster.info.pages.admin).origin;
      await shoot(page, 'flow-results-unchecked');

      // The verifier in the browser (same tab: the badge reads its outcome), then the results page.
      await page.goto(`${origin}/results/report`);
      await page.locator('.report-verdict').waitFor({ timeout: 120_000 });
      expect(await page.locator('.report-verdict').getAttribute('class')).toContain('ok');
      await shoot(page, 'flow-results-report');
      // A second visit on the same ledger head shows the kept report without downloading the ledger.
      const exports: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/export') exports.push(r.url());
      });
      await page.goto(`${origin}/results/report`);
      await page.getByTestId('report-kept').waitFor({ timeout: 30_000 });
      expect(await page.locator('.report-verdict').getAttribute('class')).toContain('ok');
      expect(exports).toEqual([]);
      await page.goto(`${origin}/results`);
      const badge = page.getByTestId('verified-badge');
      await badge.waitFor({ timeout: 30_000 });
      // `ok` once the report passed in this tab for the current head (`warn`: unchecked, `bad`: failed).
      expect(await badge.getAttribute('data-state')).toBe('ok');
      expect(await badge.innerText()).toContain('Verified');

      const intended = cluster.info.simulated.intended;
      const want: Record<string, Record<string, number>> = JSON.parse(JSON.stringify(intended));
      want.chair![CAST.chair.toLowerCase()]! += 1;
      want.budget![CAST.budget.toLowerCase()]! += 1;
      for (const q of ['chair', 'budget']) {
        const rows = page.getByRole('table', { name: q, exact: true }).locator('tbody tr');
        const got: Record<string, number> = {};
        for (let i = 0; i < (await rows.count()); i++) {
          const label = (await rows.nth(i).locator('th').innerText()).trim();
          const id = /\(([a-z0-9_-]+)\)\s*$/.exec(label)?.[1] ?? label.toLowerCase();
          got[id] = Number(await rows.nth(i).locator('td').first().innerText());
        }
        expect(got, q).toEqual(want[q]);
      }
      await shoot(page, 'flow-results');
      await page.close();
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});
