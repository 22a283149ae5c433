import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/pipeline.js';
import { ANNO_CONTEXT, codePointOffsets, renderWebAnno, type Annotation } from '../../src/report/webanno.js';
import { withSeedGraph } from '../support/seed-graph.js';

const seed = withSeedGraph(analyze(readFileSync(new URL('../../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8')));

describe('codePointOffsets', () => {
  it.each<[string, number, number]>([
    ['abc', 2, 2],
    ['𝔸bc', 2, 1], // after the pair
    ['𝔸bc', 1, 0], // inside the pair: the character's start
    ['a𝔸𝔸b', 5, 3],
    ['a\ud800b', 3, 3], // a lone surrogate is one character
    ['', 0, 0],
  ])('%j at UTF-16 %i → code point %i', (text, utf16, cp) => {
    expect(codePointOffsets(text)(utf16)).toBe(cp);
  });

  it('property: agrees with Array.from on well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const toCp = codePointOffsets(s);
        let utf16 = 0;
        Array.from(s).forEach((ch, i) => {
          expect(toCp(utf16)).toBe(i);
          utf16 += ch.length;
        });
        expect(toCp(s.length)).toBe(Array.from(s).length);
      }),
    );
  });
});

/** The W3C model's required shape (annotation-model §3.1, §4.2.4, §4.2.5, §6 collections). */
function expectAnnotationShape(a: Annotation, source: string): void {
  expect(a.type).toBe('Annotation');
  expect(a.id).toMatch(/^[a-z][a-z0-9+.-]*:\S+$/i); // an IRI
  expect(['classifying', 'describing', 'identifying', 'tagging']).toContain(a.motivation);
  expect(a.body.length).toBeGreaterThan(0);
  for (const b of a.body) {
    expect(b.type).toBe('TextualBody');
    expect(typeof b.value).toBe('string');
    expect(['tagging', 'describing', 'classifying', 'identifying', 'linking']).toContain(b.purpose);
  }
  expect(a.target.source).toBe(source);
  const [position, quote] = a.target.selector;
  expect(position.type).toBe('TextPositionSelector');
  expect(Number.isInteger(position.start) && Number.isInteger(position.end) && position.start < position.end).toBe(true);
  expect(quote.type).toBe('TextQuoteSelector');
  expect(quote.exact.length).toBeGreaterThan(0);
}

describe('renderWebAnno', () => {
  const source = 'file:///articles/seed.txt';
  const collection = renderWebAnno(seed, { source });
  const items = collection.first.items;

  it('is an AnnotationCollection with the W3C context and its first page embedded', () => {
    expect(collection['@context']).toBe(ANNO_CONTEXT);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.startIndex).toBe(0);
    expect(collection.total).toBe(items.length);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    for (const a of items) expectAnnotationShape(a, source);
    // JSON-LD: the whole collection survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
  });

  it('one annotation per finding', () => {
    const tags = (tag: string) => items.filter((a) => a.body[0]!.value === tag).length;
    expect(tags('claim')).toBe(seed.claims.length);
    expect(tags('source')).toBe(seed.sourceMentions.length);
    expect(tags('cue')).toBe(seed.cues.length);
    expect(tags('content')).toBe(seed.attributions.length);
    expect(tags('hedge')).toBe(seed.hedges.length);
    expect(tags('technique')).toBe(seed.techniques.length);
    expect(tags('entity')).toBe(seed.entities.reduce((n, e) => n + e.mentions.length, 0));
    expect(tags('relation')).toBe(seed.relations.length);
  });

  it('selectors quote the text they point at (ASCII-only seed: positions equal UTF-16 offsets)', () => {
    const chars = Array.from(seed.document.text);
    for (const a of items) {
      const [p, q] = a.target.selector;
      expect(chars.slice(p.start, p.end).join('')).toBe(q.exact);
      expect(chars.slice(p.start - q.prefix.length, p.start).join('')).toBe(q.prefix);
      expect(chars.slice(p.end, p.end + q.suffix.length).join('')).toBe(q.suffix);
    }
    const hedged = items.find((a) => a.body[0]!.value === 'hedge')!;
    expect(hedged.target.selector[1].exact).toBe('reportedly');
    const anonymous = items.find((a) => a.body[0]!.value === 'claim' && a.body.some((b) => b.value === 'rests-on:anonymous'));
    expect(anonymous?.body[1]!.value).toContain('reliable intelligence sources');
  });

  it('counts characters as code points: a non-BMP character before a finding shifts it by one, not two', () => {
    const text = '𝔸𝔹 Officials said that the bridge 🌉 collapsed on Tuesday.\n';
    const a = analyze(text);
    const annos = renderWebAnno(a).first.items;
    const cue = annos.find((x) => x.body[0]!.value === 'cue')!;
    const [p, q] = cue.target.selector;
    expect(q.exact).toBe('said');
    const utf16 = text.indexOf('said');
    expect(p.start).toBe(utf16 - 2);
    expect(p.end).toBe(utf16 - 2 + 4);
    expect(q.prefix.startsWith('𝔸𝔹')).toBe(true);
    const content = annos.find((x) => x.body[0]!.value === 'content')!;
    expect(content.target.selector[1].exact).toContain('🌉');
    const [cp] = content.target.selector;
    expect(Array.from(text).slice(cp.start, cp.end).join('')).toBe(content.target.selector[1].exact);
  });

  it('relations describe subject, predicate, object and what the edge rests on', () => {
    const rel = items.filter((a) => a.body[0]!.value === 'relation');
    const train = rel.find((a) => a.body.some((b) => b.value === 'predicate:train') && a.body[1]!.value.includes('hedged'));
    expect(train?.body[1]!.value).toMatch(/—train→ Hamas \(hedged\); rests on a named source: The Uttam Hindu → Blitz \(report\)/);
  });

  it('tags every token, when the analysis holds them, with its UPOS and relation, linked to its head', () => {
    const text = 'The ministry said the report was false.\n';
    const a = analyze(text, { tokens: true });
    const tokens = renderWebAnno(a, { source }).first.items.filter((x) => x.body[0]!.value === 'token');
    expect(tokens).toHaveLength(a.tokens!.length);
    for (const anno of tokens) expectAnnotationShape(anno, source);
    const said = tokens.find((x) => x.target.selector[1].exact === 'said')!;
    const ministry = tokens.find((x) => x.target.selector[1].exact === 'ministry')!;
    expect(said.body.map((b) => b.value)).toContain('dep:root');
    expect(said.body.some((b) => b.purpose === 'linking')).toBe(false);
    expect(ministry.body.map((b) => b.value)).toEqual(expect.arrayContaining(['upos:NOUN', 'dep:nsubj', said.id]));
    expect(ministry.body[1]!.value).toContain('nsubj of “said”');
    // Without tokens in the analysis, none are exported.
    expect(renderWebAnno(analyze(text)).first.items.some((x) => x.body[0]!.value === 'token')).toBe(false);
  });
});
