import { readFileSync } from 'node:fs';
import { instance } from '@viz-js/viz';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/pipeline.js';
import { allegationDot, chainsDot, dotLines, dotString, wrapLabel } from '../../src/report/dot.js';
import { allegationGraph, basisOf } from '../../src/report/graph.js';
import { decodeXml } from '../../src/report/svg.js';
import { withSeedGraph } from '../support/seed-graph.js';
import { hostileText, withHostileGraph, XSS_VECTORS } from '../fixtures/xss/vectors.js';

const seed = withSeedGraph(analyze(readFileSync(new URL('../../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8')));
const viz = await instance();

/** Graphviz's own reading of a DOT text, as JSON: what it actually parsed. */
function parsed(dot: string): { objects?: Array<{ name: string; label?: string; id?: string }>; edges?: Array<{ tail: number; head: number; label?: string; style?: string; color?: string; arrowhead?: string }> } {
  return viz.renderJSON(dot) as ReturnType<typeof parsed>;
}

describe('dotString', () => {
  it.each([
    ['Pakistan', '"Pakistan"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash \\N \\G', '"back\\\\slash \\\\N \\\\G"'],
    ['"]; x -> y; //', '"\\"]; x -> y; //"'],
    ['line\nbreak\ttab', '"line break tab"'],
    ['AT&T &amp; co', '"AT&amp;T &amp;amp; co"'],
    ['\u202eevil\u202c', '"evil"'],
    ['  padded  ', '"padded"'],
  ])('%j → %s', (input, expected) => {
    expect(dotString(input)).toBe(expected);
  });

  it('cuts long labels at a code point, never inside a surrogate pair', () => {
    const label = dotString('𝔸'.repeat(100), 10);
    expect([...JSON.parse(label)]).toHaveLength(10);
    expect(label).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('Graphviz draws exactly the text it was given, for every hostile vector: one node each, nothing breaks out', () => {
    for (const v of [...XSS_VECTORS, 'AT&T &amp; &lt;b&gt; &#106; &nosuch; & x']) {
      const dot = `digraph { a [label=${dotString(v, 1000)}]; b [label=${dotLines([v, 'role'], 1000)}]; a -> b; }`;
      const g = parsed(dot);
      expect(g.objects?.map((o) => o.name)).toEqual(['a', 'b']);
      expect(g.edges).toHaveLength(1);
      const drawn = [...viz.renderString(dot, { format: 'svg' }).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXml(m[1]!));
      const expected = v.replace(/[\u0000-\u001f\u202a-\u202e]/g, ' ').replace(/\s+/g, ' ').trim();
      expect(drawn).toEqual([expected, expected, 'role']);
    }
  });
});

describe('wrapLabel', () => {
  it.each<[string, number, string[]]>([
    ['Pakistan', 22, ['Pakistan']],
    ['Inter-Services Intelligence', 22, ['Inter-Services', 'Intelligence']],
    ['a b c d e f g h', 3, ['a b', 'c d', 'e f', 'g h']],
    ['one two three four five six seven eight nine ten', 5, ['one', 'two', 'three', 'four…']],
    ['', 10, ['']],
    ['Supercalifragilisticexpialidocious', 10, ['Supercalifragilisticexpialidocious']],
  ])('%j at %i → %j', (text, width, lines) => expect(wrapLabel(text, width)).toEqual(lines));
});

describe('allegation graph of the seed (hand-built entities until the pipeline has its own)', () => {
  const g = allegationGraph(seed);
  const dot = allegationDot(seed);
  const json = parsed(dot);

  it('one node per actor in a relation and one edge per relation, plus part-of links', () => {
    const inRelations = new Set(seed.relations.flatMap((r) => [r.subject, r.object]));
    expect(g.nodes.map((n) => n.entity.id).sort()).toEqual([...inRelations].sort());
    expect(json.objects).toHaveLength(g.nodes.length);
    expect(json.edges).toHaveLength(seed.relations.length + g.partOf.length);
  });

  it('edges from Pakistan and the ISI to Hamas rest on Blitz; the training claim is hedged (dashed); hosting is the outlet\'s own voice', () => {
    const byName = new Map(seed.entities.map((e) => [e.id, e.name]));
    const label = (r: (typeof seed.relations)[number]) => `${byName.get(r.subject)} ${r.predicate} ${byName.get(r.object)}`;
    const edges = json.edges!.filter((e) => e.style !== 'dotted');
    seed.relations.forEach((r, i) => {
      const e = edges[i]!;
      const claim = seed.claims.find((c) => c.id === r.claim);
      const basis = basisOf(claim, seed.sources);
      expect(e.label, label(r)).toBe(r.predicate + (r.modality === 'question' ? '?' : ''));
      expect(e.style === 'dashed', label(r)).toBe(r.hedged || r.modality !== 'asserted');
      if (r.predicate === 'host') expect(basis, label(r)).toBe('own-voice');
    });
    // The seed's allegations against Hamas rest on the chain through Blitz's report.
    for (const subject of ['Pakistan', 'Inter-Services Intelligence']) {
      const toHamas = seed.relations.filter((r) => byName.get(r.subject) === subject && byName.get(r.object) === 'Hamas' && ['shelter', 'train', 'assist', 'supply', 'ally'].includes(r.predicate));
      expect(toHamas.length, `${subject} → Hamas`).toBeGreaterThan(0);
      const through = toHamas.filter((r) => seed.claims.find((c) => c.id === r.claim)!.chain.some((id) => seed.sources.find((s) => s.id === id)?.outlet === 'Blitz'));
      expect(through.length, `${subject} → Hamas through Blitz`).toBeGreaterThan(0);
    }
    const train = seed.relations.find((r) => r.predicate === 'train' && r.hedged);
    expect(train, 'a hedged training edge').toBeDefined();
  });

  it('an anonymous-source edge differs in colour from a named one, and a negated edge is marked', () => {
    const colours = new Map(g.edges.map((e, i) => [e.basis, json.edges!.filter((x) => x.style !== 'dotted')[i]!.color]));
    expect(colours.get('anonymous')).toBeDefined();
    expect(colours.get('anonymous')).not.toBe(colours.get('named'));
    const negated = { ...seed, relations: [{ ...seed.relations[0]!, negated: true }] };
    const e = parsed(allegationDot(negated)).edges!.find((x) => x.style !== 'dotted')!;
    expect(e.label).toBe(`not ${seed.relations[0]!.predicate}`);
    expect(e.arrowhead).toBe('tee');
  });

  it('no relations: a valid, empty graph', () => {
    const empty = parsed(allegationDot({ ...seed, relations: [] }));
    expect(empty.objects ?? []).toHaveLength(0);
  });

  it('the chains graph: outlet → Blitz → anonymous sources, with claim counts', () => {
    const c = parsed(chainsDot(seed));
    // Long labels are wrapped onto lines (`\n` in DOT).
    const labels = (c.objects ?? []).map((o) => o.label?.replace(/\\n/g, ' '));
    expect(labels.some((l) => l?.startsWith('The Uttam Hindu'))).toBe(true);
    expect(labels).toContain('Blitz (report)');
    expect(labels.some((l) => l?.includes('reliable intelligence sources'))).toBe(true);
    expect(c.edges).toHaveLength(2);
  });
});

describe('hostile labels', () => {
  const hostile = withHostileGraph(analyze(hostileText()));
  it('every hostile entity is one node and every relation one edge: no label breaks out', () => {
    const g = allegationGraph(hostile);
    const json = parsed(allegationDot(hostile));
    expect(json.objects).toHaveLength(g.nodes.length);
    expect(json.edges).toHaveLength(g.edges.length + g.partOf.length);
    expect(json.objects!.map((o) => o.name)).toEqual(g.nodes.map((n) => n.key));
  });

  it('an analysis read back from JSON with unexpected types and predicates cannot break out either', () => {
    const evil = '"]; evil [label="pwned"]; x -> y; //';
    const tampered = {
      ...hostile,
      entities: hostile.entities.map((e) => ({ ...e, type: evil as never })),
      relations: hostile.relations.map((r) => ({ ...r, predicate: evil as never, modality: evil as never })),
    };
    const g = allegationGraph(tampered);
    const json = parsed(allegationDot(tampered, { ids: true }));
    expect(json.objects!.map((o) => o.name)).toEqual(g.nodes.map((n) => n.key));
    expect(json.edges).toHaveLength(g.edges.length + g.partOf.length);
  });
});
