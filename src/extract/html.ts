/**
 * HTML → article text.
 *
 * Part of the analysis core: runs unchanged in Node and in a browser, so no `node:` imports. linkedom
 * builds the DOM, Readability picks the main article; the plain text is built here by walking the DOM
 * so paragraph breaks and whitespace follow fixed rules (see `ParagraphBuilder`), and so each emitted
 * run can be traced back to the raw HTML (see `mapRuns`).
 */

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

import type { ArticleMeta, ExtractedArticle, Region, SourceMapSegment } from '../model/types.js';
import { hostOf } from './url.js';
import { furnitureParagraphs, removeFurnitureElements, removeLabelledFurniture } from './furniture.js';

export interface ExtractHtmlOptions {
  /**
   * Address the page was fetched from. Accepted for callers that have it; links are not part of the
   * text, so it does not change the output today.
   */
  url?: string;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never part of the text: code, styling, embedded documents, form controls. */
const NOT_TEXT = [
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'object', 'embed', 'canvas',
  'textarea', 'select', 'button', 'input',
];

/** Skipped by the text walker: the above and head furniture. */
const SKIP = new Set([...NOT_TEXT, 'head', 'title', 'meta', 'link', 'base']);

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'blockquote',
  'pre', 'section', 'article', 'main', 'aside', 'nav', 'header', 'footer', 'address', 'figure',
  'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'br', 'hr', 'details', 'summary',
  'form', 'fieldset', 'legend', 'body',
]);

/** Cells separate their text with a space but stay in the row's paragraph. */
const CELL = new Set(['td', 'th']);

/** Elements that belong in `<head>` when normalizing a page. */
const HEAD_ONLY = new Set(['title', 'meta', 'link', 'base']);

/**
 * HTML whitespace. Only these collapse; U+00A0 and other Unicode spaces inside a paragraph are text
 * the author chose (`10&nbsp;km`) and are kept.
 */
const WS = /[ \t\n\f\r]+/g;
const WS_OR_WORD = /[ \t\n\f\r]+|[^ \t\n\f\r]+/g;
const isWs = (token: string): boolean => ' \t\n\f\r'.includes(token.charAt(0));

/** A run of a paragraph copied verbatim from one DOM text node (paragraph-relative offsets). */
interface Run {
  start: number;
  end: number;
}

interface Paragraph {
  text: string;
  runs: Run[];
}

export function extractHtml(html: string, _options: ExtractHtmlOptions = {}): ExtractedArticle {
  try {
    return extract(typeof html === 'string' ? html : '');
  } catch {
    // linkedom and Readability are forgiving, but a page is untrusted input: never throw on it.
    return emptyArticle(emptyMeta());
  }
}

function extract(html: string): ExtractedArticle {
  const page = normalizePage(capNesting(html));
  // Readability mutates the document it reads, so it gets its own parse; `doc` stays pristine for
  // metadata and the fallback.
  const doc = parseHTML(page).document;
  const article = readArticle(page);

  const content = article?.content;
  if (content && content.nodeType === ELEMENT_NODE) attempt(() => removeFurnitureElements(content as Element), undefined);
  let paragraphs = content ? attempt(() => collectParagraphs(content), []) : [];
  // Readability found nothing (or nothing but whitespace): fall back to the whole body.
  if (!paragraphs.length) paragraphs = attempt(() => collectParagraphs(doc.body), []);

  const metas = metaTags(doc);
  const byline = stripBy(clean(article?.byline));
  const meta: ArticleMeta = {
    title:
      clean(article?.title) ?? metas.get('og:title') ?? clean(doc.title) ?? visibleText(doc.querySelector('h1')),
    // The site's name, else the host it publishes from (its canonical URL): named one way at ingest.
    outlet: clean(article?.siteName) ?? metas.get('og:site_name') ?? metas.get('application-name') ?? canonicalHost(doc, metas),
    byline,
    published:
      clean(article?.publishedTime) ?? metas.get('article:published_time') ?? timeDatetime(doc),
    place: null,
    format: 'html',
  };
  const furniture = furnitureParagraphs(paragraphs.map((p) => p.text), meta);
  // Unless that would leave nothing: a page of one short line is still that line.
  if (furniture.size < paragraphs.length) paragraphs = paragraphs.filter((_, i) => !furniture.has(i));
  return assemble(html, meta, paragraphs);
}

/**
 * Deepest nesting of elements a page may have when parsed. The HTML parser under linkedom keeps its open
 * elements in an array it `unshift`s, so its cost is the square of the depth (20,000 unclosed `<div>`s took
 * 5 s, a million would take hours); real article markup nests a few dozen deep.
 */
export const MAX_HTML_DEPTH = 1000;

/** Elements whose end tag may be left out (the parser closes them itself) and void ones: never counted. */
const UNCOUNTED = new Set(
  'p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body area base br col embed hr img input link meta source track wbr'.split(' '),
);
/** Elements whose content is text to the parser, not tags. */
const TEXT_CONTENT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * The page with every element that would open deeper than MAX_HTML_DEPTH dropped (its tags only, never its
 * text), and the matching end tags with it, in one linear pass. Pages within the limit come back unchanged.
 */
export function capNesting(html: string): string {
  // No '<' inside a tag: an unclosed "<a" stops at the next tag instead of reading on to the end.
  const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>|<!--/g;
  const open: string[] = [];
  const dropped = new Map<string, number>();
  const out: string[] = [];
  let from = 0;
  let changed = false;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      TAG.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    if (!closing && TEXT_CONTENT.has(name)) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = TAG.lastIndex;
      const end = endTag.exec(html);
      TAG.lastIndex = end === null ? html.length : end.index;
    }
    if (UNCOUNTED.has(name) || (!closing && m[0].endsWith('/>'))) continue;
    let drop = false;
    if (!closing) {
      if (open.length >= MAX_HTML_DEPTH) {
        drop = true;
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
      } else open.push(name);
    } else if ((dropped.get(name) ?? 0) > 0 && open[open.length - 1] !== name) {
      drop = true;
      dropped.set(name, dropped.get(name)! - 1);
    } else {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    }
    if (drop) {
      out.push(html.slice(from, m.index));
      from = TAG.lastIndex;
      changed = true;
    }
  }
  if (!changed) return html;
  out.push(html.slice(from));
  return out.join('');
}

/**
 * Rebuilds the page as `<html><head>…</head><body>…</body></html>`. linkedom does not do HTML5 tree
 * construction: a fragment like `<p>x</p>` becomes a document whose root is the `<p>`, plain text gives
 * no root at all (and `document.body` then throws), `<html><p>x</p></html>` leaves the `<p>` outside
 * `<body>`, and `document.title` only looks in `<head>`. Readability needs a regular document.
 */
function normalizePage(html: string): string {
  const head: string[] = [];
  const body: string[] = [];
  const visit = (parent: Node): void => {
    // childNodes, not nextSibling: linkedom's doctype node has no nextSibling.
    for (const node of Array.from(parent.childNodes)) {
      if (node.nodeType === ELEMENT_NODE) {
        const name = localName(node);
        if (name === 'html' || name === 'head' || name === 'body') visit(node);
        else (HEAD_ONLY.has(name) ? head : body).push(String(node));
      } else if (node.nodeType === TEXT_NODE) {
        body.push(String(node));
      }
      // Doctype, comments and processing instructions are dropped.
    }
  };
  try {
    visit(parseHTML(html).document);
  } catch {
    head.length = 0;
    body.length = 0;
    body.push(html);
  }
  return `<!DOCTYPE html><html><head>${head.join('')}</head><body>${body.join('')}</body></html>`;
}

interface ReadabilityArticle {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  content: Node | null;
}

/**
 * Deepest element nesting Readability is given. Its cost grows steeply with depth when it has to
 * retry (about 1 s at 250 levels, 11 s at 1,000, minutes beyond), and broken pages full of unclosed
 * `<div>`s get that deep; real article markup stays far below.
 */
const MAX_READABILITY_DEPTH = 200;

function readArticle(page: string): ReadabilityArticle | null {
  try {
    const { document } = parseHTML(page);
    if (depth(document.body) > MAX_READABILITY_DEPTH) return null;
    // Readability takes the title and byline from `textContent`, which includes <style>, <template>
    // and the like inside an <h1> or byline element; remove them first (JSON-LD stays for metadata).
    const notText = NOT_TEXT.map((name) => (name === 'script' ? 'script:not([type="application/ld+json"])' : name));
    for (const el of Array.from(document.querySelectorAll(notText.join(',')))) el.remove();
    if (document.body) removeLabelledFurniture(document.body);
    // charThreshold: Readability's default (500 characters) makes it retry with looser rules on
    // short articles, which lets navigation and sidebars in; 100 still finds short news items.
    // The serializer hands back the content element itself instead of an HTML string to re-parse.
    // keepClasses: the content keeps its class names, by which its furniture is told (src/extract/furniture.ts).
    const result = new Readability<Node>(document, { charThreshold: 100, keepClasses: true, serializer: (node) => node }).parse();
    if (!result) return null;
    return {
      title: result.title ?? null,
      byline: result.byline ?? null,
      siteName: result.siteName ?? null,
      publishedTime: result.publishedTime ?? null,
      content: result.content ?? null,
    };
  } catch {
    return null;
  }
}

/** Element nesting depth below `root`. */
function depth(root: Node): number {
  let max = 0;
  let level = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.firstChild) {
      node = node.firstChild;
      max = Math.max(max, ++level);
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      level--;
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return max;
}

/** Walks `root` (iteratively: hostile pages nest deeply) and returns its non-empty paragraphs. */
function collectParagraphs(root: Node): Paragraph[] {
  const out = new ParagraphBuilder();
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      out.addText((node as Text).data);
    } else if (node.nodeType === ELEMENT_NODE) {
      const name = localName(node);
      if (!SKIP.has(name)) {
        if (BLOCK.has(name)) out.break();
        else if (CELL.has(name)) out.space();
        descend = true;
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Leave this node and every ancestor that has no next sibling.
    while (node && node !== root) {
      if (node.nodeType === ELEMENT_NODE) {
        const name = localName(node);
        if (BLOCK.has(name)) out.break();
        else if (CELL.has(name)) out.space();
      }
      if (node.nextSibling) {
        node = node.nextSibling;
        break;
      }
      node = node.parentNode;
    }
    if (node === root) break;
  }
  out.break();
  return out.paragraphs;
}

/**
 * Paragraph text: whitespace runs inside a paragraph become one space, none at either end. Records
 * the runs copied verbatim from a text node (words joined by single source spaces) for the source map.
 */
class ParagraphBuilder {
  readonly paragraphs: Paragraph[] = [];
  private text = '';
  private runs: Run[] = [];
  private pendingSpace = false;

  addText(data: string): void {
    let run: Run | null = null;
    for (const [token] of data.matchAll(WS_OR_WORD)) {
      if (isWs(token)) {
        this.pendingSpace = true;
        // A run continues over a single source space, which is emitted as is.
        if (run && token !== ' ') run = this.closeRun(run);
        continue;
      }
      if (this.pendingSpace && this.text) this.text += ' ';
      this.pendingSpace = false;
      run ??= { start: this.text.length, end: 0 };
      this.text += token;
      run.end = this.text.length;
    }
    if (run) this.closeRun(run);
  }

  space(): void {
    this.pendingSpace = true;
  }

  break(): void {
    // Edges also lose Unicode spaces (a leading &nbsp; indent), which the collapsing above keeps.
    const text = this.text.trim();
    if (text) {
      const lead = this.text.length - this.text.trimStart().length;
      const runs = this.runs
        .map((r) => ({ start: Math.max(r.start - lead, 0), end: Math.min(r.end - lead, text.length) }))
        .filter((r) => r.start < r.end);
      this.paragraphs.push({ text, runs });
    }
    this.text = '';
    this.runs = [];
    this.pendingSpace = false;
  }

  private closeRun(run: Run): null {
    this.runs.push(run);
    return null;
  }
}

function assemble(html: string, meta: ArticleMeta, paragraphs: Paragraph[]): ExtractedArticle {
  const title = meta.title;
  // Paragraphs are mapped in document order, including the ones dropped below.
  const segments = attempt(() => mapRuns(html, paragraphs), []);

  let body = paragraphs.map((p, i) => ({ text: p.text, segments: segments[i] ?? [] }));
  let headlineSegments: SourceMapSegment[] = [];
  if (title && body[0]?.text === title) {
    headlineSegments = body[0].segments;
    body = body.slice(1);
  }
  if (meta.byline) {
    const bylines = [meta.byline, `By ${meta.byline}`].map((s) => s.toLowerCase());
    const at = body.slice(0, 3).findIndex((p) => bylines.includes(p.text.toLowerCase()));
    if (at >= 0) body.splice(at, 1);
  }
  if (!body.length) return emptyArticle(meta);

  const regions: Region[] = [];
  const sourceMap: SourceMapSegment[] = [];
  let text = '';
  if (title) {
    text = `${title}\n\n`;
    regions.push({ kind: 'headline', start: 0, end: title.length });
    sourceMap.push(...headlineSegments);
  }
  const bodyStart = text.length;
  body.forEach((p, i) => {
    if (i) text += '\n\n';
    const at = text.length;
    for (const s of p.segments) {
      sourceMap.push({ start: at + s.start, end: at + s.end, sourceStart: s.sourceStart, sourceEnd: s.sourceEnd });
    }
    text += p.text;
  });
  regions.push({ kind: 'body', start: bodyStart, end: text.length });

  // The guarantee callers rely on; by construction it always holds, this keeps it so.
  const checked = sourceMap.filter(
    (s) => html.slice(s.sourceStart, s.sourceEnd) === text.slice(s.start, s.end),
  );
  return { text, meta, regions, sourceMap: checked };
}

/** Best effort: a failing step yields `fallback` instead of failing the extraction. */
function attempt<T>(step: () => T, fallback: T): T {
  try {
    return step();
  } catch {
    return fallback;
  }
}

function emptyArticle(meta: ArticleMeta): ExtractedArticle {
  return { text: '', meta, regions: [], sourceMap: [] };
}

function emptyMeta(): ArticleMeta {
  return { title: null, outlet: null, byline: null, published: null, place: null, format: 'html' };
}

// ---------------------------------------------------------------------------------------------------
// Source map.
//
// Findings are spans over the extracted text; to show them in the page they must be traced back
// through the HTML → text step. The text is not a substring of the HTML (tags, entities, collapsed
// whitespace), so each run copied verbatim from a DOM text node is located in the raw HTML instead.
//
// The raw HTML is scanned into its text stretches (outside tags, comments, and script/style/title…
// contents, so a run never lands in an attribute, a meta description or JSON-LD that repeats the
// lede), with entities decoded, keeping for every decoded character its raw offset (or none for a
// character that came from an entity). Runs are searched in that stream in document order, each from
// the end of the previous match. A found run yields one segment per stretch of characters copied
// literally from the source; characters from entities, and runs not found (rewritten by Readability,
// or parsed differently), get no segment. So `html.slice(sourceStart, sourceEnd)` always equals
// `text.slice(start, end)`, and coverage is partial by design.
// ---------------------------------------------------------------------------------------------------

function mapRuns(html: string, paragraphs: Paragraph[]): SourceMapSegment[][] {
  const { stream, rawAt } = decodedStream(html);
  let cursor = 0;
  return paragraphs.map((p) => {
    const segments: SourceMapSegment[] = [];
    for (const run of p.runs) {
      const needle = p.text.slice(run.start, run.end);
      const found = stream.indexOf(needle, cursor);
      if (found < 0) continue;
      cursor = found + needle.length;
      for (let k = 0; k < needle.length; ) {
        const from = rawAt[found + k] ?? -1;
        if (from < 0) {
          k++;
          continue;
        }
        let e = k + 1;
        while (e < needle.length && rawAt[found + e] === from + (e - k)) e++;
        segments.push({ start: run.start + k, end: run.start + e, sourceStart: from, sourceEnd: from + (e - k) });
        k = e;
      }
    }
    return segments;
  });
}

/**
 * Put between text stretches so no run matches across a tag. A noncharacter; should a page contain
 * it, its offset of -1 still keeps a segment from spanning the gap.
 */
const SEPARATOR = '\uFFFF';
const ENTITY = /&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/g;

function decodedStream(html: string): { stream: string; rawAt: number[] } {
  const zones = textZones(html);
  const tokens = new Set<string>();
  for (const [start, end] of zones) {
    for (const [token] of html.slice(start, end).matchAll(ENTITY)) tokens.add(token);
  }
  const decoded = decodeEntities([...tokens]);

  const parts: string[] = [];
  const rawAt: number[] = [];
  for (const [start, end] of zones) {
    let i = start;
    const copy = (to: number): void => {
      parts.push(html.slice(i, to));
      for (; i < to; i++) rawAt.push(i);
    };
    for (const m of html.slice(start, end).matchAll(ENTITY)) {
      copy(start + m.index);
      const value = decoded.get(m[0]);
      if (value === undefined || value === m[0]) {
        copy(i + m[0].length); // not an entity after all: literal text
      } else {
        parts.push(value);
        for (let k = 0; k < value.length; k++) rawAt.push(-1);
        i += m[0].length;
      }
    }
    copy(end);
    parts.push(SEPARATOR);
    rawAt.push(-1);
  }
  return { stream: parts.join(''), rawAt };
}

/** Decodes entity references with the same parser that built the DOM, so both agree. */
function decodeEntities(tokens: string[]): Map<string, string> {
  const map = new Map<string, string>();
  if (!tokens.length) return map;
  try {
    const { document } = parseHTML(
      `<!DOCTYPE html><html><head></head><body>${tokens.map((t) => `<i>${t}</i>`).join('')}</body></html>`,
    );
    const items = document.body.getElementsByTagName('i');
    if (items.length !== tokens.length) return map;
    tokens.forEach((t, k) => map.set(t, items[k]?.textContent ?? t));
  } catch {
    // Undecoded entities stay literal, so runs holding their characters are simply not found.
  }
  return map;
}

/** Elements whose content is not markup-parsed text of the page body. */
const RAW_TEXT = new Set([
  'script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext',
]);

/**
 * Raw `[start, end)` stretches of character data: everything outside tags, comments, doctype and
 * processing instructions, and outside the contents of `RAW_TEXT` elements. Tokenizes roughly like
 * htmlparser2, linkedom's parser (a `<` starts markup only before a letter, `/`, `!` or `?`; quoted
 * attribute values may hold `>`). Where the two disagree on broken markup, a run is simply not found.
 */
function textZones(html: string): Array<[number, number]> {
  const zones: Array<[number, number]> = [];
  const n = html.length;
  let textStart = 0;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    let end: number;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      end = close < 0 ? n : close + 3;
    } else if (isAlpha(next) || (next === '/' && isAlpha(html[lt + 2] ?? ''))) {
      const closing = next === '/';
      const nameStart = lt + (closing ? 2 : 1);
      let j = nameStart;
      while (j < n && !/[\s/>]/.test(html[j] ?? '')) j++;
      const name = html.slice(nameStart, j).toLowerCase();
      end = tagEnd(html, j);
      if (!closing && RAW_TEXT.has(name)) {
        const close = new RegExp(`</${name}(?=[\\s/>])`, 'ig');
        close.lastIndex = end;
        const m = name === 'plaintext' ? null : close.exec(html);
        end = m ? tagEnd(html, m.index + 2 + name.length) : n;
      }
    } else if (next === '!' || next === '?' || next === '/') {
      const close = html.indexOf('>', lt);
      end = close < 0 ? n : close + 1;
    } else {
      i = lt + 1; // a literal '<'
      continue;
    }
    if (lt > textStart) zones.push([textStart, lt]);
    textStart = i = end;
  }
  if (textStart < n) zones.push([textStart, n]);
  return zones;
}

/** Index after the `>` closing a tag whose attributes start at `from`. */
function tagEnd(html: string, from: number): number {
  const n = html.length;
  let j = from;
  while (j < n) {
    const ch = html[j];
    if (ch === '>') return j + 1;
    j++;
    if (ch === '=') {
      while (j < n && /\s/.test(html[j] ?? '')) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        j = close < 0 ? n : close + 1;
      }
    }
  }
  return n;
}

const isAlpha = (ch: string): boolean => /^[A-Za-z]$/.test(ch);

// ---------------------------------------------------------------------------------------------------
// Metadata helpers.
// ---------------------------------------------------------------------------------------------------

function localName(node: Node): string {
  return ((node as Element).localName ?? '').toLowerCase();
}

/** Collapses whitespace and trims, like paragraph text; null for nothing visible. */
function clean(value: string | null | undefined): string | null {
  return typeof value === 'string' ? value.replace(WS, ' ').trim() || null : null;
}

function canonicalHost(doc: Document, metas: Map<string, string>): string | null {
  const href = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metas.get('og:url') ?? null;
  return href ? hostOf(href) : null;
}

function stripBy(byline: string | null): string | null {
  return byline ? clean(byline.replace(/^by\s+/i, '')) : null;
}

/** An element's text as the walker sees it (`textContent` would include `<style>` and `<script>`). */
function visibleText(el: Element | null): string | null {
  return el ? clean(attempt(() => collectParagraphs(el), []).map((p) => p.text).join(' ')) : null;
}

/** `<meta>` content by lower-cased property, name or itemprop; the first one wins. */
function metaTags(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = clean(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

/** The `datetime` of the article's `<time>`, else of the page's first one. */
function timeDatetime(doc: Document): string | null {
  for (const selector of ['article time[datetime]', 'time[datetime]']) {
    for (const el of Array.from(doc.querySelectorAll(selector))) {
      const value = clean(el.getAttribute('datetime'));
      if (value) return value;
    }
  }
  return null;
}
