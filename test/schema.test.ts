/**
 * The JSON output (`claimtrace analyze FILE --json`, i.e. `JSON.stringify(analyze(text))`) against its
 * public contract, schema/analysis.schema.json, plus the cross-references JSON Schema cannot express.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';

import { analyze, type Analysis, type AnalyzeOptions, type Span } from '../src/index.js';

const root = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/analysis.schema.json', root), 'utf8')) as Record<string, unknown>;
const seed = readFileSync(new URL('examples/uttam-hindu-pakistan-hamas.txt', root), 'utf8');

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

/** A small news page with the metadata the HTML extractor reads (title, site name, byline, time). */
const HTML_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour bridge to close for repairs | The Harbour Gazette</title>
  <meta property="og:site_name" content="The Harbour Gazette">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/local">Local</a></nav>
  <article>
    <h1>Harbour bridge to close for repairs</h1>
    <p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>
    <time datetime="2024-03-05T10:00:00Z">March 5, 2024</time>
    <p>The harbour bridge will close for three months from April, the city council said on Tuesday.</p>
    <p>Mayor Ann Lee told reporters: &#8220;The repairs are long overdue, and the cost may rise.&#8221;</p>
    <p>According to a report by the state transport agency, the bridge reportedly has cracks in two of its piers.</p>
    <p>Some residents claimed that the council had ignored the warnings for years, sources close to the council said.</p>
  </article>
  <footer>&copy; 2024 The Harbour Gazette</footer>
</body>
</html>`;

/** What the CLI prints with --json, read back: exactly the JSON-visible shape. */
function cliJson(text: string, options?: AnalyzeOptions): Analysis {
  return JSON.parse(JSON.stringify(analyze(text, options))) as Analysis;
}

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  // Show every schema error (allErrors) in the failure message, not just "expected false to be true".
  expect(validate.errors ?? [], ajv.errorsText(validate.errors, { separator: '\n' })).toEqual([]);
  expect(ok).toBe(true);
}

/** Every span in the document, labelled by where it sits. */
function spansOf(a: Analysis): Array<[string, Span]> {
  const out: Array<[string, Span]> = [];
  const add = (label: string, s: Span | null): void => {
    if (s) out.push([label, s]);
  };
  a.regions.forEach((r, i) => add(`regions[${i}]`, r));
  a.sourceMap?.forEach((m, i) => add(`sourceMap[${i}]`, m));
  a.paragraphs.forEach((p, i) => add(`paragraphs[${i}]`, p));
  a.sentences.forEach((s, i) => add(`sentences[${i}]`, s));
  a.tokens?.forEach((t, i) => add(`tokens[${i}]`, t));
  a.quotes.forEach((q, i) => {
    add(`quotes[${i}]`, q);
    add(`quotes[${i}].inner`, q.inner);
  });
  a.cues.forEach((c, i) => add(`cues[${i}]`, c));
  a.sources.forEach((s, i) => s.mentions.forEach((m, j) => add(`sources[${i}].mentions[${j}]`, m)));
  a.sourceMentions.forEach((m, i) => add(`sourceMentions[${i}]`, m));
  a.attributions.forEach((at, i) => {
    add(`attributions[${i}].sourceSpan`, at.sourceSpan);
    add(`attributions[${i}].cue`, at.cue);
    add(`attributions[${i}].content`, at.content);
  });
  a.hedges.forEach((h, i) => add(`hedges[${i}]`, h));
  a.claims.forEach((c, i) => {
    add(`claims[${i}]`, c);
    c.hedges.forEach((h, j) => add(`claims[${i}].hedges[${j}]`, h));
  });
  return out;
}

/** The invariants between parts of the model that the schema cannot state. */
function expectCrossReferences(a: Analysis, rawInput?: string): void {
  const text = a.document.text;
  const sourceIds = new Set(a.sources.map((s) => s.id));
  const attributionIds = new Set(a.attributions.map((x) => x.id));

  // Ids are unique and numbered in order: s0…, a0…, c0….
  expect(a.sources.map((s) => s.id)).toEqual(a.sources.map((_, i) => `s${i}`));
  expect(a.attributions.map((x) => x.id)).toEqual(a.attributions.map((_, i) => `a${i}`));
  expect(a.claims.map((c) => c.id)).toEqual(a.claims.map((_, i) => `c${i}`));
  // s0 is the article's own voice, where every chain starts.
  expect(a.sources[0]?.kind).toBe('outlet');

  for (const at of a.attributions) {
    if (at.source !== null) expect(sourceIds, `${at.id}.source`).toContain(at.source);
    if (at.parent !== null) {
      expect(attributionIds, `${at.id}.parent`).toContain(at.parent);
      expect(at.parent, `${at.id} is its own parent`).not.toBe(at.id);
    }
    // The text gives a source exactly when it gives a span for it.
    expect(at.source === null, `${at.id}: source and sourceSpan disagree`).toBe(at.sourceSpan === null);
  }
  for (const m of a.sourceMentions) expect(sourceIds, 'sourceMention.source').toContain(m.source);
  for (const id of a.profile.longestChain) expect(sourceIds, 'profile.longestChain').toContain(id);

  for (const c of a.claims) {
    expect(c.text, `${c.id}.text`).toBe(text.slice(c.start, c.end));
    expect(c.chain.length, `${c.id}.chain is empty`).toBeGreaterThan(0);
    expect(c.chain[0], `${c.id}.chain starts outside the article`).toBe('s0');
    for (const id of c.chain) expect(sourceIds, `${c.id}.chain`).toContain(id);
    if (c.attribution !== null) expect(attributionIds, `${c.id}.attribution`).toContain(c.attribution);
    expect(a.sentences[c.sentence], `${c.id}.sentence`).toBeDefined();
    for (const h of c.hedges) expect(h.text, `${c.id} hedge text`).toBe(text.slice(h.start, h.end));
  }
  for (const h of a.hedges) expect(h.text, 'hedge.text').toBe(text.slice(h.start, h.end));

  // Cues and attributions are parallel arrays with the same spans.
  expect(a.cues.map((c) => [c.start, c.end])).toEqual(a.attributions.map((x) => [x.cue.start, x.cue.end]));

  // Indexes point into their arrays.
  a.paragraphs.forEach((p, i) => expect(p.index, 'paragraph.index').toBe(i));
  a.sentences.forEach((s, i) => {
    expect(s.index, 'sentence.index').toBe(i);
    expect(a.paragraphs[s.paragraph], `sentences[${i}].paragraph`).toBeDefined();
    expect(s.tokenStart, `sentences[${i}] token range`).toBeLessThanOrEqual(s.tokenEnd);
  });
  a.tokens?.forEach((t, i) => {
    expect(t.index, 'token.index').toBe(i);
    expect(a.sentences[t.sentence], `tokens[${i}].sentence`).toBeDefined();
  });

  // Profile counts add up.
  const p = a.profile;
  expect(p.claims).toBe(a.claims.length);
  expect(p.ownVoice + p.named + p.anonymous + p.unnamedOther).toBe(p.claims);
  expect(p.hedged).toBe(a.claims.filter((c) => c.hedges.length > 0).length);

  for (const [label, s] of spansOf(a)) {
    expect(s.start, `${label}.start`).toBeGreaterThanOrEqual(0);
    expect(s.start, `${label} starts after it ends`).toBeLessThanOrEqual(s.end);
    expect(s.end, `${label}.end is past the text`).toBeLessThanOrEqual(text.length);
  }
  if (rawInput !== undefined) {
    for (const [i, m] of (a.sourceMap ?? []).entries()) {
      expect(m.sourceStart, `sourceMap[${i}]`).toBeLessThanOrEqual(m.sourceEnd);
      expect(m.sourceEnd, `sourceMap[${i}].sourceEnd is past the input`).toBeLessThanOrEqual(rawInput.length);
    }
  }
}

describe('schema/analysis.schema.json', () => {
  it('is a valid draft 2020-12 schema that compiles in ajv strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) {
        for (const [key, value] of Object.entries(props)) {
          const d = (value as { description?: unknown }).description;
          if (typeof d !== 'string' || d.trim() === '') missing.push(`${path}/properties/${key}`);
        }
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('validates the seed article', () => {
    const a = cliJson(seed, { name: 'examples/uttam-hindu-pakistan-hamas.txt' });
    expectValid(a);
    expect(a.claims.length).toBeGreaterThan(0);
    expect(a.attributions.length).toBeGreaterThan(0);
    expect(a).not.toHaveProperty('tokens');
    expectCrossReferences(a);
  });

  it('validates the seed article with tokens', () => {
    const a = cliJson(seed, { tokens: true });
    expectValid(a);
    expect(a.tokens?.length).toBeGreaterThan(0);
    expectCrossReferences(a);
  });

  it('validates a small HTML page (with a source map)', () => {
    const a = cliJson(HTML_PAGE, { name: 'page.html' });
    expectValid(a);
    expect(a.document.format).toBe('html');
    expect(a.sourceMap?.length).toBeGreaterThan(0);
    expect(a.claims.length).toBeGreaterThan(0);
    expectCrossReferences(a, HTML_PAGE);
  });

  it("validates analyze('') — an empty result", () => {
    const a = cliJson('');
    expectValid(a);
    expect(a.claims).toEqual([]);
    expect(a.attributions).toEqual([]);
    expect(a.profile.claims).toBe(0);
    expectCrossReferences(a);
  });

  it('catches drift: an unknown property, a wrong enum or a bad id is rejected', () => {
    const a = cliJson(seed);
    const withExtra = { ...a, extra: 1 };
    expect(validate(withExtra)).toBe(false);

    const badKind = structuredClone(a);
    (badKind.sources[0] as { kind: string }).kind = 'celebrity';
    expect(validate(badKind)).toBe(false);

    const badId = structuredClone(a);
    badId.claims[0]!.chain = ['source-0'];
    expect(validate(badId)).toBe(false);

    const badSpan = structuredClone(a);
    badSpan.paragraphs[0]!.start = -1;
    expect(validate(badSpan)).toBe(false);

    const missing = structuredClone(a) as Partial<Analysis>;
    delete missing.profile;
    expect(validate(missing)).toBe(false);
  });
});
