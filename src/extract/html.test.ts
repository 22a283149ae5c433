import { describe, it, expect } from 'vitest';
import fc from 'fast-check';

import type { ExtractedArticle } from '../model/types.js';
import { extractHtml } from './html.js';

/** A news page with the usual furniture around the article. */
const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Council approves river bridge plan | The Harbour Gazette</title>
  <meta property="og:site_name" content="The Harbour Gazette">
  <meta name="description" content="The city council voted 7-2 on Tuesday to fund a new bridge.">
  <script type="application/ld+json">{"@type":"NewsArticle","description":"The city council voted 7-2 on Tuesday to fund a new bridge."}</script>
  <style>body { font-family: serif; } .STYLE_TEXT { color: red; }</style>
</head>
<body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  <main>
    <article>
      <h1>Council approves river bridge plan</h1>
      <p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>
      <time datetime="2024-03-05T10:00:00Z">March 5, 2024</time>
      <p>The city council voted 7-2 on Tuesday to fund a new bridge.</p>
      <p>Mayor Ann Lee said the project was &#8220;long overdue&#8221; and would cost
         about $40 million, with the state &amp; county sharing the bill.</p>
      <!-- COMMENT_TEXT -->
      <p>Opponents, including councillor Tom Hart, argued that the money should go to road repairs first, according to minutes of the meeting.</p>
      <p>Construction is expected to start next spring, officials said.</p>
    </article>
    <aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Storm hits coast</a></li><li><a href="/b">School reopens</a></li></ul></aside>
  </main>
  <footer class="site-footer"><p>&copy; 2024 The Harbour Gazette. All rights reserved.</p></footer>
  <script>window.tracker = "SCRIPT_TEXT"; document.write("<p>injected</p>");</script>
</body>
</html>`;

const NEWS_BODY = [
  'The city council voted 7-2 on Tuesday to fund a new bridge.',
  'Mayor Ann Lee said the project was “long overdue” and would cost about $40 million, with the state & county sharing the bill.',
  'Opponents, including councillor Tom Hart, argued that the money should go to road repairs first, according to minutes of the meeting.',
  'Construction is expected to start next spring, officials said.',
];

/** Wraps paragraphs in a minimal page Readability accepts as an article. */
function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head>${head}</head><body><article>${body}</article></body></html>`;
}

const FILLER =
  '<p>Officials said the review would take several weeks, and that residents would be consulted before any decision was made.</p>';

/** Invariants every result must satisfy, whatever the input. */
function expectWellFormed(result: ExtractedArticle, html: string): void {
  const { text, meta, regions, sourceMap } = result;
  expect(typeof text).toBe('string');
  expect(meta.format).toBe('html');
  expect(meta.place).toBeNull();
  for (const value of [meta.title, meta.outlet, meta.byline, meta.published]) {
    // null or a non-empty string, never undefined or ''
    expect(value === null || (typeof value === 'string' && value.trim() !== '')).toBe(true);
  }
  for (const r of regions) {
    expect(0 <= r.start && r.start <= r.end && r.end <= text.length).toBe(true);
  }
  const headline = regions.find((r) => r.kind === 'headline');
  if (headline) expect(text.slice(headline.start, headline.end)).toBe(meta.title);
  if (text) {
    const body = regions.find((r) => r.kind === 'body');
    expect(body?.end).toBe(text.length);
    expect(text).not.toMatch(/^\s|\s$/);
    expect(text).not.toMatch(/\n\n\n/);
  } else {
    expect(regions).toEqual([]);
  }
  expect(sourceMap).toBeDefined();
  let previousEnd = 0;
  for (const s of sourceMap ?? []) {
    expect(s.start).toBeLessThan(s.end);
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(html.slice(s.sourceStart, s.sourceEnd)).toBe(text.slice(s.start, s.end));
    previousEnd = s.end;
  }
}

function paragraphs(result: ExtractedArticle): string[] {
  return result.text ? result.text.split('\n\n') : [];
}

describe('extractHtml: a news page', () => {
  const result = extractHtml(NEWS_PAGE, { url: 'https://gazette.example/local/bridge' });

  it('reads the metadata', () => {
    expect(result.meta).toEqual({
      title: 'Council approves river bridge plan',
      outlet: 'The Harbour Gazette',
      byline: 'Jane Doe',
      published: '2024-03-05T10:00:00Z',
      place: null,
      format: 'html',
    });
  });

  it('puts the title first and the article paragraphs in order, entities decoded', () => {
    const ps = paragraphs(result);
    expect(ps[0]).toBe('Council approves river bridge plan');
    const body = ps.slice(1).filter((p) => NEWS_BODY.includes(p));
    expect(body).toEqual(NEWS_BODY);
    // The title is not repeated by the article's <h1>.
    expect(ps.filter((p) => p === 'Council approves river bridge plan')).toHaveLength(1);
  });

  it.each([
    ['navigation', 'Local news'],
    ['sidebar', 'Storm hits coast'],
    ['footer', 'All rights reserved'],
    ['script', 'SCRIPT_TEXT'],
    ['document.write markup', 'injected'],
    ['style', 'STYLE_TEXT'],
    ['comment', 'COMMENT_TEXT'],
    ['byline', 'Jane Doe'],
    ['raw entity', '&amp;'],
  ])('leaves out the %s', (_what, needle) => {
    expect(result.text).not.toContain(needle);
  });

  it('has a headline region equal to the title and a body region after it', () => {
    expect(result.regions).toEqual([
      { kind: 'headline', start: 0, end: 'Council approves river bridge plan'.length },
      { kind: 'body', start: 'Council approves river bridge plan'.length + 2, end: result.text.length },
    ]);
    expectWellFormed(result, NEWS_PAGE);
  });

  it('maps body runs into the article, not into the meta description or JSON-LD that repeat the lede', () => {
    const lede = NEWS_BODY[0] ?? '';
    const at = result.text.indexOf(lede);
    const segment = result.sourceMap?.find((s) => s.start === at);
    expect(segment).toBeDefined();
    expect(segment?.sourceStart).toBe(NEWS_PAGE.indexOf(`<p>${lede}`) + 3);
    expect(segment?.sourceEnd).toBe((segment?.sourceStart ?? 0) + lede.length);
  });

  it('maps the literal parts of a paragraph with entities and leaves the entities unmapped', () => {
    const mapped = (result.sourceMap ?? []).map((s) => result.text.slice(s.start, s.end));
    expect(mapped).toContain('long overdue');
    expect(mapped).toContain('county sharing the bill.');
    expect(mapped.some((m) => /[“”&]/.test(m))).toBe(false);
  });
});

describe('extractHtml: metadata sources', () => {
  it.each([
    {
      name: 'published from article:published_time',
      head: '<meta property="article:published_time" content="2023-11-02T08:30:00+01:00">',
      body: '',
      expected: { published: '2023-11-02T08:30:00+01:00' },
    },
    {
      name: 'published from <time datetime>',
      head: '',
      body: '<p>Filed <time datetime="2022-01-31">Monday</time> from the port.</p>',
      expected: { published: '2022-01-31' },
    },
    {
      name: 'outlet from application-name',
      head: '<meta name="application-name" content="Valley Courier">',
      body: '',
      expected: { outlet: 'Valley Courier' },
    },
    {
      name: 'byline from meta author, leading "By " stripped',
      head: '<meta name="author" content="  By   Sam Ortiz ">',
      body: '',
      expected: { byline: 'Sam Ortiz' },
    },
    {
      name: 'nothing given',
      head: '',
      body: '',
      expected: { title: null, outlet: null, byline: null, published: null },
    },
  ])('$name', ({ head, body, expected }) => {
    const html = page(`${body}${FILLER}${FILLER}`, head);
    const result = extractHtml(html);
    expect(result.meta).toMatchObject(expected);
    expectWellFormed(result, html);
  });

  it('takes the title from <title> when the page has one', () => {
    const html = page(FILLER, '<title>Port strike enters second week</title>');
    const result = extractHtml(html);
    expect(result.meta.title).toBe('Port strike enters second week');
    expect(paragraphs(result)[0]).toBe('Port strike enters second week');
    expectWellFormed(result, html);
  });

  it('takes a missing title from the <h1> text without its <style>', () => {
    const html = '<h1>Head<style>h1 { color: red }</style>line</h1>' + FILLER;
    const result = extractHtml(html);
    expect(result.meta.title).toBe('Headline');
    expect(paragraphs(result)[0]).toBe('Headline');
    expectWellFormed(result, html);
  });

  it('does not repeat a first paragraph equal to the title, and maps the headline to it', () => {
    const html =
      '<html><head><title>Dam repairs finished early</title></head><body>' +
      '<div><p>Dam repairs finished early</p>' + FILLER + '</div></body></html>';
    const result = extractHtml(html);
    expect(paragraphs(result)).toEqual(['Dam repairs finished early', expect.stringContaining('Officials said')]);
    const title = 'Dam repairs finished early';
    expect(result.sourceMap?.[0]).toEqual({
      start: 0,
      end: title.length,
      sourceStart: html.indexOf(`<p>${title}`) + 3,
      sourceEnd: html.indexOf(`<p>${title}`) + 3 + title.length,
    });
    expectWellFormed(result, html);
  });
});

describe('extractHtml: text rules', () => {
  it('makes blocks paragraphs and collapses whitespace inside them', () => {
    const html = page(
      '<p>One  two\n\t three <b>bold</b><i> italic </i>end.</p>' +
        '<p>Line one<br>line two</p>' +
        '<blockquote>Quoted   words</blockquote>' +
        '<table><tr><td>cell a</td><td>cell b</td></tr><tr><td>cell c</td></tr></table>' +
        '<p>Keep\u00a0this&nbsp;space and “curly” quotes</p>' +
        FILLER,
    );
    const result = extractHtml(html);
    expect(paragraphs(result).slice(0, 7)).toEqual([
      'One two three bold italic end.',
      'Line one',
      'line two',
      'Quoted words',
      'cell a cell b',
      'cell c',
      'Keep\u00a0this\u00a0space and “curly” quotes',
    ]);
    expectWellFormed(result, html);
  });

  it('maps a simple page exactly', () => {
    const html = '<p>Hello world, this is a simple page.</p>';
    const result = extractHtml(html);
    expect(result.text).toBe('Hello world, this is a simple page.');
    expect(result.sourceMap).toEqual([
      { start: 0, end: result.text.length, sourceStart: 3, sourceEnd: 3 + result.text.length },
    ]);
    expectWellFormed(result, html);
  });

  it('maps around entities and collapsed whitespace', () => {
    const html = page('<p>Tom &amp; Jerry\n   said &#8220;hello&#8221; again.</p>');
    const result = extractHtml(html);
    expect(result.text).toBe('Tom & Jerry said “hello” again.');
    const mapped = (result.sourceMap ?? []).map((s) => result.text.slice(s.start, s.end));
    // Single source spaces are copied verbatim and stay in their segment; collapsed ones are not.
    expect(mapped).toEqual(['Tom', 'Jerry', 'said ', 'hello', ' again.']);
    expectWellFormed(result, html);
  });
});

describe('extractHtml: broken and empty input', () => {
  it.each([
    ['unclosed tags', '<html><body><div><p>Unclosed paragraph <b>bold <i>both', 'Unclosed paragraph bold both'],
    ['stray end tags', '</div></span><p>Text after stray closers</p></div></body></html></html>', 'Text after stray closers'],
    ['replacement characters', '<p>Broken \uFFFD\uFFFD bytes \u0000 here</p>', 'bytes'],
    ['a literal <', '<p>3 < 5 and 7 > 2</p>', '3 < 5 and 7 > 2'],
    ['an unterminated comment', '<p>Before</p><!-- never closed <p>hidden</p>', 'Before'],
    ['an unterminated attribute', '<p>Visible</p><a href="oops>Lost</a>', 'Visible'],
    ['plain text', 'Just some words, no markup at all.', 'Just some words, no markup at all.'],
    ['a fragment', '<p>Only a paragraph.</p>', 'Only a paragraph.'],
    // Would take Readability minutes without the depth cap.
    ['deep nesting', `${'<div>'.repeat(5000)}Deep text${'</span>'.repeat(100)}`, 'Deep text'],
    ['an html element without body', '<html><p>Outside body</p></html>', 'Outside body'],
  ])('%s', (_name, html, expected) => {
    let result: ExtractedArticle | undefined;
    expect(() => (result = extractHtml(html))).not.toThrow();
    expect(result?.text).toContain(expected);
    expectWellFormed(result as ExtractedArticle, html);
  });

  it.each([
    ['empty string', ''],
    ['whitespace', ' \n\t '],
    ['only a script', '<script>document.body.innerHTML = "Hello from script";</script>'],
    ['a full page with only a script', '<!DOCTYPE html><html><head></head><body><script>var x = "text";</script></body></html>'],
    ['script, style and comments', '<style>p { color: red }</style><!-- a comment --><script>alert(1)</script><noscript>Enable JS</noscript>'],
    ['a title and nothing else', '<html><head><title>Lonely title</title></head><body><script>x()</script></body></html>'],
    ['non-breaking spaces only', '<p>&nbsp;</p><p>\u00a0 </p>'],
  ])('%s gives empty text', (_name, html) => {
    const result = extractHtml(html);
    expect(result.text).toBe('');
    expect(result.regions).toEqual([]);
    expectWellFormed(result, html);
  });

  it('survives non-string input from untyped callers', () => {
    expect(extractHtml(undefined as unknown as string).text).toBe('');
  });
});

describe('extractHtml: hostile content', () => {
  // OWASP XSS filter-evasion style vectors; none of their script may reach the text.
  const vectors = [
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><text>svg alert(2)</text></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">click</a>',
    '<body onload="if (a>b) alert(1)">',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<iframe src="javascript:alert(1)">alert(1)</iframe>',
    '<script>alert(1)</script>',
    '<style>@import "javascript:alert(1)";</style>',
    '<!-- <script>alert(1)</script> -->',
    '<noscript><p>alert(1)</p></noscript>',
    '<template><p>alert(1)</p></template>',
    '<math><mtext>alert(1)</mtext></math>',
    '<object data="javascript:alert(1)">alert(1)</object>',
    '<input value="alert(1)" onfocus="alert(1)" autofocus>',
    '<textarea>alert(1)</textarea>',
    '<img """><script>alert(1)</script>">',
    // Readability reads titles from `textContent`, which includes these.
    '<h1>Title<template><style><a href="javascript:alert(1)"></style></template></h1>',
    '<h1>Title<style>a{background:url(javascript:alert(1))}</style></h1>',
  ];

  it.each(vectors)('bare: %s', (vector) => {
    const result = extractHtml(vector);
    expect(result.text).not.toMatch(/alert\(|javascript:|onerror|onload/i);
    expectWellFormed(result, vector);
  });

  it.each(vectors)('inside an article: %s', (vector) => {
    const html = page(`<p>Before the vector.</p>${vector}<p>After the vector.</p>${FILLER}`);
    const result = extractHtml(html);
    expect(result.text).not.toMatch(/alert\(|javascript:|onerror|onload/i);
    expect(result.text).toContain('After the vector.');
    expectWellFormed(result, html);
  });

  it('keeps text a browser would display, even when it looks like code', () => {
    // A filter-evasion vector: `<scr<script>` is one (unknown) tag, so what follows is page text,
    // not script, in browsers and here alike.
    expect(extractHtml('<scr<script>ipt>alert(1)</script>').text).toBe('ipt>alert(1)');
  });

  it('keeps link text', () => {
    const html = page(`<p>Please <a href="javascript:alert(1)">click</a> here.</p>${FILLER}`);
    expect(extractHtml(html).text).toContain('Please click here.');
  });
});

describe('extractHtml: properties', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      '<p>', '</p>', '<div>', '</div>', '<br>', '<b>', '</b>', '<article>', '</article>', '<h1>', '</h1>',
      '<script>', '</script>', '<style>', '</style>', '<!--', '-->', '&amp;', '&#8220;', '&nbsp;', '&bogus;',
      '<a href="javascript:alert(1)">', '</a>', '<img onerror=alert(1)>', '<title>', '</title>', '<', '>',
      '"', ' ', '\n', '\uFFFD', 'said', 'the minister', '<html>', '<body>', '<head>',
    ),
    fc.string({ maxLength: 12 }),
  );

  it('never throws and keeps every invariant, including source map slice equality', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), (parts) => {
        const html = parts.join('');
        const result = extractHtml(html);
        expectWellFormed(result, html);
      }),
      { numRuns: 300 },
    );
  });
});
