/**
 * The corpus pages in Chromium over a small real corpus (the hand-made circular and independent
 * fixtures): the circular cluster is flagged with its reason, a fact-checker goes from the cluster to one
 * of its articles and that article's claims and chains, searches documents, sees who cites whom — with
 * no console error, no request beyond the local server and no serious accessibility violation.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../src/cli/serve.js';
import { CorpusReader } from '../../src/server/corpus-api.js';
import { ingest } from '../../src/store/ingest.js';
import { openStore } from '../../src/store/open.js';
import { hasChromium, launchChromium, watchPage, type PageWatch } from '../support/chromium.js';

const ROOT = new URL('../../', import.meta.url);
const FIXTURES = fileURLToPath(new URL('test/fixtures/', ROOT));
const ARTIFACTS = new URL('test-artifacts/', ROOT);
const axeSource = readFileSync(new URL('node_modules/axe-core/axe.min.js', ROOT), 'utf8');

describe.skipIf(!hasChromium)('corpus pages in Chromium', () => {
  let dir = '';
  let reader: CorpusReader;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimtrace-web-corpus-'));
    const store = await openStore(join(dir, 'corpus.db'));
    await ingest(store, [join(FIXTURES, 'corpus-circular'), join(FIXTURES, 'corpus-independent')], { workers: 0 });
    reader = new CorpusReader(store);
    server = await startServer({ port: 0, host: '127.0.0.1', maxBytes: 5 * 1024 * 1024, corpus: reader });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch = await watchPage(context, page, server.url);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.server.close();
    await reader?.store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const audit = async (): Promise<string[]> => {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
    });
  };

  it('flags the circular cluster with its reason and leads from it to an article and its chains', async () => {
    await page.goto(new URL('/corpus', server.url).href);
    const circular = page.locator('button.cluster.circular');
    await circular.first().waitFor({ timeout: 30_000 });
    expect(await circular.count()).toBeGreaterThanOrEqual(1);
    expect(await circular.first().textContent()).toMatch(/circular reporting/);
    // The independent cluster is listed but not flagged.
    const bridge = page.locator('button.cluster', { hasText: 'bridge' });
    expect(await bridge.count()).toBe(1);
    expect(await bridge.getAttribute('class')).not.toContain('circular');

    await circular.filter({ hasText: 'training Hamas' }).first().click();
    const detail = page.locator('.cluster-detail:not([hidden])');
    expect(await detail.locator('.reason.circular').textContent()).toMatch(/cite each other|unnamed origin/);
    expect(await detail.locator('.timeline canvas').count()).toBe(1);
    expect(await detail.locator('table.cluster-docs tbody tr').count()).toBe(3);
    await page.screenshot({ path: new URL('web-corpus.png', ARTIFACTS).pathname, fullPage: true });

    // From the cluster to one article, and that article's claims and chains.
    await detail.locator('a[data-document="courier-0313"]').click();
    await page.locator('.document-view .article-view').waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/corpus\/documents\/courier-0313$/);
    const claims = page.locator('.document-view button.claim');
    expect(await claims.count()).toBeGreaterThan(0);
    // The Courier's claims rest on the Meridian's report: some claim's chain shows it.
    const chains: string[] = [];
    const cited = page.locator('.document-view button.claim:not(.basis-own-voice)');
    for (let i = 0; i < (await cited.count()); i++) {
      await cited.nth(i).click();
      chains.push((await page.locator('.document-view .claim-detail .chain li').allTextContents()).join(' → '));
    }
    expect(chains, chains.join('\n')).toContain('Capital Courier → Daily Meridian (media)');
    await page.screenshot({ path: new URL('web-corpus-document.png', ARTIFACTS).pathname, fullPage: true });
    expect(await audit()).toEqual([]);
  });

  it('orders the claims across outlets by check-worthiness, each with its score beside what it rests on', async () => {
    await page.goto(new URL('/corpus', server.url).href);
    await page.locator('button.cluster').first().waitFor({ timeout: 30_000 });
    await page.locator('select[aria-label="Order of the claims"]').selectOption('checkworthy');
    await page.waitForFunction(() => document.querySelector('select[aria-label="Order of the claims"]') !== null && document.querySelectorAll('button.cluster').length > 1);
    const metas = await page.locator('button.cluster .cluster-meta', { hasText: 'check-worthiness' }).allTextContents();
    expect(metas.length).toBeGreaterThan(1);
    for (const m of metas) expect(m).toMatch(/^check-worthiness (\d\.\d\d|<0\.01) · rests on /);
    const scores = metas.map((m) => (m.includes('<0.01') ? 0 : Number(/check-worthiness (\d\.\d\d)/.exec(m)![1])));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.locator('select[aria-label="Order of the claims"]').inputValue()).toBe('checkworthy');
  });

  it('opens a document straight from its address', async () => {
    await page.goto(new URL('/corpus/documents/meridian-0312', server.url).href);
    await page.locator('.document-view .article-view').waitFor({ timeout: 30_000 });
    expect(await page.locator('.document-view h2').textContent()).toMatch(/spy agency/);
  });

  it('searches documents and filters them by outlet, from the keyboard', async () => {
    await page.goto(new URL('/corpus', server.url).href);
    await page.locator('#tab-clusters').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-documents').getAttribute('aria-selected')).toBe('true');
    await page.locator('#doc-q').waitFor();
    await page.locator('#doc-q').focus();
    await page.keyboard.type('Kashmir');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.doc-results > p').textContent()).toBe('3 documents');
    await page.selectOption('#doc-outlet', 'Frontier Post');
    await page.locator('.doc-search button[type="submit"]').click();
    await expect.poll(() => page.locator('.doc-results > p').textContent()).toBe('1 documents');
    expect(await page.locator('.doc-list .snippet').first().textContent()).toMatch(/Kashmir/);
    expect(await audit()).toEqual([]);
  });

  it('draws who cites whom', async () => {
    await page.click('#tab-outlets');
    await page.locator('#panel-outlets svg').waitFor({ timeout: 30_000 });
    const labels = await page.locator('#panel-outlets svg g.node text').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Capital Courier', 'Frontier Post']));
    expect(await audit()).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.offsite).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
