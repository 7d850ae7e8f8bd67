/**
 * The admin page's roll import and election wizard in Chromium against one real `pnyx node` process: a
 * fresh election ledger whose only validator and miner is the registrar itself. The first administrator
 * is created with the node admin token and signs in; a roll of 120 voters goes in three parts, the part
 * with a bad e-mail address is refused with its code and row while the others are imported, and the
 * generated passwords download as CSV. The wizard shows a message next to each empty field, a box key
 * that is not an Ed25519 point comes back from the node with its code on the ballot-box step, and a
 * corrected draft creates the election, whose key ceremony then shows in the live turnout. Needs the
 * compiled program, the built web app and /usr/bin/chromium (skipped with a warning without it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519Native } from '../src/crypto/node/ed25519-native.js';
import { systemRng } from '../src/crypto/rng.js';
import { blockText } from '../src/ledger/block.js';
import { searchNonceSync } from '../src/ledger/pow.js';
import { loadOrCreateIdentity } from '../src/node/keys.js';
import { freePort } from './net/microsocks.js';
import {
  hasChromium,
  launchBrowser,
  newContext,
  type PageProblems,
  shoot,
  watchPage,
} from './web/support/browser.js';
import { BIN } from './web/support/cluster.js';

const TOKEN = 'wizard-test-admin-token-0123456789';

function keyOf(dir: string, name: string): string {
  const id = loadOrCreateIdentity(join(dir, `${name}.key`), ed25519Native, systemRng);
  if (!id.ok) throw new Error(id.message);
  return id.value.identity.publicKey;
}

async function healthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const end = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node exited: ${log()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`the node did not start: ${log()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

(hasChromium() ? describe : describe.skip)('admin roll import and election wizard in Chromium', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pnyx-wizard-'));
    const reg = keyOf(dir, 'reg');
    for (const n of ['box-a', 'trustee-a', 'trustee-b']) keys[n] = keyOf(dir, n);
    writeFileSync(join(dir, 'admin.token'), `${TOKEN}\n`, { mode: 0o600 });
    const content = {
      profile: 'authority',
      hardness: 4,
      quorum: 1,
      validators: [reg],
      time: Date.now() - 1000,
      registrar: reg,
    };
    const mined = searchNonceSync({ parent_id: '', miner_name: 'genesis', content }, 4);
    if (!mined.ok) throw new Error(mined.message);
    writeFileSync(join(dir, 'genesis.json'), `${blockText(mined.value)}\n`);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    let log = '';
    child = spawn(
      process.execPath,
      [
        BIN,
        'node',
        '--name',
        'reg',
        '--port',
        String(port),
        '--roles',
        'registrar,miner,validator',
        '--data-dir',
        dir,
        '--genesis',
        join(dir, 'genesis.json'),
        '--admin-token-file',
        join(dir, 'admin.token'),
        '--ledger',
        'election',
        '--log-level',
        'warn',
        '--password-cost',
        'interactive',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stderr?.on('data', (b: Buffer) => {
      log += b.toString();
    });
    await healthy(url, child, () => log);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    problems = watchPage(page);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the first administrator, signs in and imports a roll part by part', async () => {
    await page.goto(`${url}/admin`);
    await page.getByLabel('Node admin token').fill(TOKEN);
    await page.getByText('No administrator yet?').click();
    await page.locator('#boot-login').fill('chief');
    await page.locator('#boot-password').fill('chief password 1');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByText('Administrator chief created').waitFor();
    await page.locator('#admin-login').fill('chief');
    await page.locator('#admin-password').fill('chief password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as chief').waitFor();

    const rows = ['name,surname,email,login'];
    for (let i = 1; i <= 120; i++)
      rows.push(`Ann,Lee${i},${i === 60 ? 'not-an-address' : `v${i}@x.example`},voter${i}`);
    await page
      .locator('#roll-file')
      .setInputFiles({ name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.getByRole('button', { name: 'Import voters' }).click();
    await page.getByText('120 of 120 rows sent; 70 voters imported.').waitFor();
    expect(await page.locator('#roll-progress').getAttribute('value')).toBe('120');
    const refused = await page.getByRole('list', { name: 'Refused parts of the roll' }).textContent();
    expect(refused).toMatch(
      /^Rows 51–100 were not imported: ROLL_INVALID: .*email.*voter row 60 of the file/,
    );
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the passwords (CSV)' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('login,password');
    expect(csv.length).toBe(71);
    await page.getByText('70 voters on the roll.').waitFor();
  }, 120_000);

  it('checks each step, shows the node’s refusal on its step, then creates the election', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.locator('#id-error').textContent()).toMatch(/letters, digits/);
    expect(await page.locator('[id="q0.text-error"]').textContent()).toBe('Required.');
    await shoot(page, 'admin-wizard-errors');
    await page.locator('#id').fill('wizard-1');
    await page.locator('#title').fill('Wizard election');
    await page.locator('[id="q0.text"]').fill('Chair?');
    for (const [j, o] of ['ada', 'bo'].entries()) {
      await page.locator(`[id="q0.o${j}.id"]`).fill(o);
      await page.locator(`[id="q0.o${j}.text"]`).fill(o.toUpperCase());
    }
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Step 2 of 6: Schedule' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Step 3 of 6: Scheme and rules' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('[id="box0.id"]').fill('box-a');
    // 64 hex digits, but not an Ed25519 point the node accepts: only the node can tell.
    await page.locator('[id="box0.key"]').fill('ff'.repeat(32));
    await page.locator('[id="box0.url"]').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('[id="tr0.name"]').fill('trustee-a');
    await page.locator('[id="tr0.key"]').fill(keys['trustee-a']!);
    await page.getByRole('button', { name: 'Add a trustee' }).click();
    await page.locator('[id="tr1.name"]').fill('trustee-b');
    await page.locator('[id="tr1.key"]').fill(keys['trustee-b']!);
    await page.locator('#k').fill('2');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Step 6 of 6: Review' }).waitFor();
    await shoot(page, 'admin-wizard-review');
    await page.getByRole('button', { name: 'Create election' }).click();
    await page.getByRole('heading', { name: 'Step 4 of 6: Ballot boxes' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Error ELECTION_INVALID: .*box/);
    await page.locator('[id="box0.key"]').fill(keys['box-a']!);
    await page.getByRole('button', { name: '6. Review' }).click();
    await page.getByRole('button', { name: 'Create election' }).click();
    await page.getByText(/^Election wizard-1 created/).waitFor({ timeout: 60_000 });
    await page.getByText('key ceremony', { exact: true }).first().waitFor({ timeout: 30_000 });
    await shoot(page, 'admin-created');
    expect(problems.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  }, 150_000);
});
