/** The HTML report as text (the browser tests open it in Chromium): self-contained, hashed, escaped. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { renderHtml } from '../../src/report/html.js';
import { hostileHtml, hostileText, withHostileGraph, XSS_VECTORS } from '../fixtures/xss/vectors.js';
import { ROOT } from '../support/shared.js';
import { withSeedGraph } from '../support/seed-graph.js';

const seed = withSeedGraph(analyze(readFileSync(path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt'), 'utf8')));
const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('HTML report', async () => {
  const html = await renderHtml(seed);
  const { document } = parseHTML(html);

  it('allows its one stylesheet and its one script by their SHA-256, and nothing else', () => {
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    const styles = [...document.querySelectorAll('style')];
    const scripts = [...document.querySelectorAll('script')];
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toBe(`default-src 'none'; style-src ${sha(styles[0]!.textContent!)}; script-src ${sha(scripts[0]!.textContent!)}; base-uri 'none'; form-action 'none'`);
    // The CSP must come before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('is self-contained: no URL to fetch, no style attribute, no event handler', () => {
    expect(html).not.toMatch(/\b(?:src|href|xlink:href|action|srcset)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import|@font-face/);
    const attrs = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attrs.filter((a) => a === 'style' || a.startsWith('on'))).toEqual([]);
  });

  it('shows the article text verbatim, every character once', () => {
    expect(document.getElementById('article-text')!.textContent!.replace(/\d+/g, '')).toBe(seed.document.text.replace(/\d+/g, ''));
  });

  it('marks every source mention, cue and hedge, and numbers every claim', () => {
    expect(document.querySelectorAll('#article-text mark.k-hedge').length).toBeGreaterThanOrEqual(seed.hedges.length);
    expect(document.querySelectorAll('#article-text a.claim-no')).toHaveLength(seed.claims.length);
    expect(document.querySelectorAll('li.claim')).toHaveLength(seed.claims.length);
    expect(document.querySelectorAll('#article-text mark.k-source.b-anonymous').length).toBeGreaterThan(0);
  });

  it('lists every allegation in a table beside the graph, each linked to its claim', () => {
    const rows = [...document.querySelectorAll('#graph details.table-details tbody tr')];
    expect(rows).toHaveLength(seed.relations.length);
    const train = rows.filter((r) => r.querySelector('.pred')!.textContent === 'train' && r.textContent!.includes('hedged'));
    expect(train.length).toBeGreaterThan(0);
    expect(train[0]!.querySelector('a')!.getAttribute('href')).toMatch(/^#claim-c\d+$/);
    // The hedge is picked out in the claim's text.
    expect([...document.querySelectorAll('li.claim .hedge-word')].map((h) => h.textContent)).toContain('reportedly');
  });
});

describe.each([
  ['plain text', () => withHostileGraph(analyze(hostileText()))],
  ['HTML', () => withHostileGraph(analyze(hostileHtml(), { format: 'html' }))],
])('HTML report of a hostile article (%s)', (_name, make) => {
  it('keeps every vector as text: one script, one style, no injected element or attribute', async () => {
    const analysis = make();
    const html = await renderHtml(analysis);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(1);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelectorAll('iframe, object, embed, img, base, link, meta[http-equiv="refresh"], foreignObject, textarea, input:not([data-layer])')).toHaveLength(0);
    const attrs = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${e.tagName}[${a.name}]`));
    expect(attrs.filter((a) => /\[(on\w+|style|src|href|xlink:href|autofocus|formaction)\]/i.test(a) && !/^A\[href\]$/.test(a))).toEqual([]);
    expect([...document.querySelectorAll('a[href]')].every((a) => a.getAttribute('href')!.startsWith('#'))).toBe(true);
    expect(document.querySelector('title')!.textContent).toBe(`claimtrace — ${(analysis.document.title ?? 'Untitled article').replace(/\s+/g, ' ').trim()}`);
    // The graph's labels are the hostile names, drawn as text.
    const labels = [...document.querySelectorAll('#graph svg text')].map((t) => t.textContent);
    expect(labels).toContain(XSS_VECTORS[0]);
  });
});

describe('HTML report of small articles', () => {
  it.each([
    ['an empty article', ''],
    ['one sentence, no actors', 'The minister said that the deal was dead.\n'],
    ['a non-BMP title', '𝔸 headline 🌉\n\nOfficials said that the bridge 🌉 collapsed.\n'],
  ])('%s renders a complete page', async (_name, text) => {
    const analysis = analyze(text);
    const html = await renderHtml(analysis);
    const { document } = parseHTML(html);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(document.querySelectorAll('li.claim')).toHaveLength(analysis.claims.length);
    if (analysis.relations.length === 0) expect(document.querySelector('#graph .empty')?.textContent).toMatch(/No allegations/);
    expect(document.getElementById('article-text')!.textContent!.replace(/\d+/g, '')).toBe(text.replace(/\d+/g, ''));
  });
});
