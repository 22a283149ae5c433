/**
 * Screenshots for the README (docs/screenshots/), taken in Debian's Chromium from the real web app:
 * the seed analysed in the browser, and the corpus pages over the hand-made test corpora.
 * `npx tsx scripts/screenshots.ts` after `npm run build`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/cli/serve.js';
import { CorpusReader } from '../src/server/corpus-api.js';
import { ingest } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import { launchChromium } from '../test/support/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'claimtrace-shots-'));
const store = await openStore(join(dir, 'corpus.db'));
await ingest(store, [join(root, 'test/fixtures/corpus-circular'), join(root, 'test/fixtures/corpus-independent')], { workers: 0 });
const reader = new CorpusReader(store);
const { server, url } = await startServer({ port: 0, host: '127.0.0.1', maxBytes: 5 << 20, corpus: reader });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(url);
  await page.click('#example-button');
  await page.waitForSelector('.article-view');
  await page.locator('button.claim.basis-anonymous').first().click();
  await page.locator('.article-head').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, document.querySelector('.columns')!.getBoundingClientRect().top - 10));
  await page.screenshot({ path: join(out, 'analyze.png') });
  await page.locator('section.graph').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, document.querySelector('section.graph')!.getBoundingClientRect().top - 10));
  await page.screenshot({ path: join(out, 'graph.png') });
  await page.goto(new URL('/corpus', url).href);
  await page.locator('button.cluster.circular').first().click();
  await page.waitForSelector('.timeline canvas');
  await page.screenshot({ path: join(out, 'corpus.png') });
} finally {
  await browser.close();
  server.close();
  await reader.store.close();
  rmSync(dir, { recursive: true, force: true });
}
