/**
 * The validator console page in a real browser (Chromium) against a manual validator node serving the
 * built web app (`dist/web`): the pending block with its rule checks, the admin token asked once and kept
 * for the tab, a wrong token refused with its code, approving and rejecting by keyboard, the decisions.
 * Skipped with a warning when Chromium or the built app is missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { txJson } from '../src/ledger/authority/tx.js';
import { note, until, VALIDATOR } from './node-http/harness.js';
import { type Started, start, TOKEN } from './node-validator-console-node.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB = process.env.PNYX_TEST_WEB_ROOT ?? resolve(import.meta.dirname, '../dist/web');
const ready = existsSync(CHROMIUM) && existsSync(join(WEB, 'index.html'));
if (!ready) console.warn(`validator console page test SKIPPED: needs ${CHROMIUM} and a built ${WEB}`);
const d = ready ? describe : describe.skip;

d('validator console page (Chromium)', () => {
  let n: Started;
  let browser: Browser;

  beforeAll(async () => {
    [n, browser] = await Promise.all([
      start('console-web', { validator: 'manual', miner: true, adminToken: TOKEN, webRoot: WEB }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await n?.stop();
  });

  it('shows pending blocks with their checks; approves and rejects with the token kept for the tab', async () => {
    const g = await n.api.chain();
    for (const text of ['one', 'two']) {
      const sent = await n.api.submitTx({ body: txJson(note(g.genesis.id, text)) as never });
      await until(`block of ${text}`, 20_000, async () =>
        (await n.api.validator()).pending.some((p) => p.txs.includes(sent.id)),
      );
    }
    const [b1, b2] = (await n.api.validator()).pending;
    expect([b1?.height, b2?.height]).toEqual([1, 2]);

    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${n.url}/validator`);
    const list = page.getByRole('list', { name: 'Blocks awaiting this validator’s decision' });
    await list.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Validator console');
    expect(await page.getByText('manual', { exact: true }).count()).toBe(1);
    const checks = page.getByRole('list', { name: 'Rule checks of block 1' });
    expect(await checks.getByRole('listitem').count()).toBe(11);
    expect(await checks.getByText('pass', { exact: true }).count()).toBe(11);
    expect(await checks.getByText(`note ${b1?.txs[0]}`).count()).toBe(1);

    // without the token, nothing can be decided
    const approve1 = page.getByRole('button', { name: 'Approve block 1' });
    expect(await approve1.isDisabled()).toBe(true);

    // a wrong token is refused with its code and asked again
    const field = page.getByLabel('Admin token of this node');
    expect(await field.getAttribute('type')).toBe('password');
    await field.fill('not-the-admin-token');
    await field.press('Enter');
    await approve1.click();
    await page.getByText('Error UNAUTHORIZED: the admin token is wrong').waitFor();
    await page.getByText('The node refused the admin token; enter it again.').waitFor();
    expect((await n.api.validator()).history).toEqual([]);

    // the right token, then approve by keyboard
    await field.fill(TOKEN);
    await field.press('Enter');
    await approve1.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Block 1 approved.').waitFor();
    const after1 = await n.api.block({ params: { id: b1!.id } });
    expect(after1.status).toBe('final');
    expect(after1.approvals.map((a) => [a.validator, a.verdict])).toEqual([[VALIDATOR.publicKey, 'approve']]);

    // a reload keeps the token (sessionStorage): reject block 2 with a reason
    await page.reload();
    await page.getByRole('button', { name: 'Reject block 2' }).waitFor();
    expect(await page.getByLabel('Admin token of this node').count()).toBe(0);
    await page.getByLabel('Reason for rejecting block 2 (optional)').fill('looks wrong to me');
    await page.getByRole('button', { name: 'Reject block 2' }).click();
    await page.getByText('Block 2 rejected.').waitFor();
    const after2 = await n.api.block({ params: { id: b2!.id } });
    expect(after2.approvals.map((a) => [a.verdict, a.reason])).toEqual([['reject', 'looks wrong to me']]);

    // the decisions, newest first, refreshed without a reload
    const rows = page
      .getByRole('table', { name: 'Decisions of this validator, newest first' })
      .locator('tbody tr');
    await until('two decisions listed', 10_000, async () => (await rows.count()) === 2);
    expect(await rows.nth(0).innerText()).toMatch(/^2\s+rejected[\s\S]*looks wrong to me/);
    expect(await rows.nth(1).innerText()).toMatch(/^1\s+approved/);
    expect(await page.getByText('No block is waiting for a decision.').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
