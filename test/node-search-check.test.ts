/**
 * "Check my ballot" in a real browser (Chromium through playwright-core) against the open demo (`pnyx
 * demo --open --json --voters 2`: real node processes, voting open, two simulated voters' ballots on
 * the ledger). The page reads and checks the ledger itself in its worker: a tracker from the ledger
 * counts (provisionally, voting being open), the receipt as JSON and as a QR code picture give the same
 * answer, a receipt with a changed signature is refused with its code, an unknown tracker is not counted
 * yet, and the explorer's search finds the tracker's ballot records. Needs the compiled program and the
 * built web app, and /usr/bin/chromium (skipped with a warning without it). On a machine loaded far
 * beyond its cores the demo's key ceremony can miss its deadline; the demo then exits and the test
 * fails with the demo's own sentence.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const BIN = resolve(import.meta.dirname, '../bin/pnyx.js');
const present = existsSync(CHROMIUM);
if (!present)
  console.warn(`check page browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`);

interface Receipt {
  tracker: string;
  box: string;
  received_at: number;
  sig: string;
}

async function json<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

(present ? describe : describe.skip)('check my ballot in Chromium against the open demo', () => {
  let child: ChildProcess;
  let dir: string;
  let node: string;
  let browser: Browser;
  let page: Page;
  let receipt: Receipt;
  const dir0 = join(tmpdir(), 'pnyx-check-');

  beforeAll(async () => {
    dir = mkdtempSync(dir0);
    child = spawn(process.execPath, [BIN, 'demo', '--open', '--json', '--voters', '2', '--data-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const info = await new Promise<{ pages: { check: string } }>((ok, fail) => {
      let out = '';
      child.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) ok(JSON.parse(out.slice(0, nl)));
      });
      child.once('exit', (code) => fail(new Error(`the demo exited (${code}): ${err}`)));
    });
    node = new URL(info.pages.check).origin;
    // Both simulated ballots in final blocks (every box forwards each: at least 2 records).
    const end = Date.now() + 60_000;
    for (;;) {
      const page = await json<{ txs: { id: string; status: string }[] }>(`${node}/api/txs?type=ballot`);
      const final = page.txs.filter((t) => t.status === 'final');
      if (final.length >= 2) {
        const tx = await json<{ tx: { body: { receipt: Receipt } } }>(`${node}/api/txs/${final[0]!.id}`);
        receipt = tx.tx.body.receipt;
        break;
      }
      if (Date.now() > end) throw new Error('no final ballot within 60 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      headless: true,
    });
    page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const result = () => page.getByTestId('check-result');

  it('a tracker from the link counts, checked by the page itself', async () => {
    await page.goto(`${node}/check?tracker=${receipt.tracker}`);
    await result().getByText('Counted', { exact: true }).waitFor({ timeout: 60_000 });
    const text = await result().innerText();
    expect(text).toContain(receipt.tracker);
    expect(text).toContain('the verdict is the one the counting rule would give if the election closed now');
    expect(text).toMatch(/voting open/);
    expect(text).toMatch(/every block checked by this page/);
    expect(await result().getByRole('row').count()).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('the receipt as JSON and as a QR code picture give the same answer; a changed receipt is refused', async () => {
    await page.goto(`${node}/check`);
    const input = page.getByLabel('Tracker or receipt');
    await input.fill(JSON.stringify(receipt));
    await page.getByRole('button', { name: 'Check' }).click();
    await result().getByText('Counted', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await result().innerText()).toContain(`signed by ballot box ${receipt.box} (signature checked)`);

    await page.reload();
    const png = await QRCode.toBuffer(JSON.stringify(receipt), { width: 400 });
    await page
      .getByLabel('Read a QR code from a picture')
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await result().getByText('Counted', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Tracker or receipt').inputValue()).toBe(JSON.stringify(receipt));

    const flipped = receipt.sig[0] === '0' ? `1${receipt.sig.slice(1)}` : `0${receipt.sig.slice(1)}`;
    await input.fill(JSON.stringify({ ...receipt, sig: flipped }));
    await page.getByRole('button', { name: 'Check' }).click();
    await result().getByRole('alert').waitFor({ timeout: 60_000 });
    expect(await result().getByRole('alert').innerText()).toMatch(/SIGNATURE_INVALID/);
  }, 120_000);

  it('an unknown tracker is not counted yet; bad input is named next to the field', async () => {
    await page.goto(`${node}/check`);
    await page.getByLabel('Tracker or receipt').fill('ab'.repeat(32));
    await page.getByRole('button', { name: 'Check' }).click();
    await result()
      .getByText(/not counted yet/)
      .waitFor({ timeout: 60_000 });
    await page.getByLabel('Tracker or receipt').fill('not a tracker');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('A tracker is 64 hexadecimal digits').waitFor();
    expect(await page.getByLabel('Tracker or receipt').getAttribute('aria-invalid')).toBe('true');
  }, 90_000);

  it("the explorer's search lists the tracker's ballot records and links back to the check", async () => {
    await page.goto(`${node}/explorer`);
    await page.getByRole('searchbox', { name: 'Search' }).fill(receipt.tracker);
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page
      .getByRole('heading', { name: /Ballot records with this tracker/ })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('link', { name: /Check whether ballot/ }).click();
    await page.waitForURL(`${node}/check?tracker=${receipt.tracker}`);
    await result().getByText('Counted', { exact: true }).waitFor({ timeout: 60_000 });
  }, 90_000);
});
