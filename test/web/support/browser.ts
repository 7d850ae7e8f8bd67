/**
 * The browser harness of the web tests: Debian's Chromium driven by playwright-core, a watch on the
 * console errors and failed requests of a page, and screenshots at phone and desktop width written to
 * `test-output/screenshots/`. When /usr/bin/chromium is missing the tests are skipped with a warning.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser is installed; otherwise says so loudly once. */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.warn(`web tests SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`);
  return false;
}

/** Flags of a headless Chromium that talks to nothing but the pages under test. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
] as const;

/** Starts the browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}

/** Where the screenshots go (printed once by {@link screenshotDir}). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-output/screenshots');

let announced = false;
/** The screenshot folder, created; its path is printed once per test file. */
export function screenshotDir(): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!announced) {
    announced = true;
    console.log(`web test screenshots: ${SCREENSHOTS}`);
  }
  return SCREENSHOTS;
}

/** The two widths every page is shot at. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 },
} as const;

/** Shoots the page at phone and desktop width as `NAME-phone.png` and `NAME-desktop.png`; restores the size. */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = screenshotDir();
  const before = page.viewportSize();
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(50);
    await page.screenshot({ path: join(dir, `${name}-${label}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** What went wrong on a page: console errors, uncaught exceptions, failed requests. */
export interface PageProblems {
  readonly errors: string[];
}

/** Records the console errors and uncaught exceptions of `page`. */
export function watchPage(page: Page): PageProblems {
  const errors: string[] = [];
  page.on('console', (m) => {
    // The browser's own request for /favicon.ico is not the page's doing.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A request the page itself aborted on navigation is not a fault.
    const why = r.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) errors.push(`request failed: ${r.url()} ${why}`);
  });
  return { errors };
}

/** A fresh context (no shared storage) at desktop width. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORTS.desktop });
}
