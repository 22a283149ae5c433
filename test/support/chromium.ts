/**
 * Debian's Chromium driven by playwright-core, for the tests that need a real browser. Outside CI a
 * machine without /usr/bin/chromium skips them with a note; in CI (CI=true) a missing browser is a
 * failure, since .ci/run installs it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  const message = `${CHROMIUM_PATH} not found: browser tests are skipped (install Debian's chromium to run them)`;
  if (process.env.CI) throw new Error(`[claimtrace tests] ${message}; in CI .ci/run must install it`);
  console.warn(`[claimtrace tests] ${message}.`);
}

/** The flags this sandbox needs: no sandbox as root, no GPU, and no calls home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** What a page did that a test may forbid: console errors, uncaught errors, dialogs, requests off `origin`. */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
  offsite: string[];
}

/**
 * Watches a page; requests that leave `allowed` (a URL prefix, or a predicate) are recorded and
 * aborted, so a test can both see and prevent any network use.
 */
export async function watchPage(context: BrowserContext, page: Page, allowed: string | ((url: string) => boolean)): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], dialogs: [], offsite: [] };
  const ok = typeof allowed === 'string' ? (url: string) => url.startsWith(allowed) : allowed;
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (ok(url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    watch.offsite.push(url);
    return route.abort();
  });
  return watch;
}
