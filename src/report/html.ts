/**
 * The HTML report: one self-contained file a fact-checker can open anywhere. No network at all (no
 * fonts, images or scripts from elsewhere); a Content-Security-Policy allowing only the report's own
 * stylesheet and script by hash; every string from the article escaped for where it goes. Async
 * because the graphs are laid out by Graphviz compiled to WebAssembly.
 */
import type { Analysis, Claim, Source } from '../model/types.js';
import { allegationDot, chainsDot } from './dot.js';
import { allegationGraph, BASIS_LABEL, basisOf, chainGraph, edgeLabel, ENTITY_TYPE_LABEL, sourceBasis, type Basis } from './graph.js';
import { sourceLabel } from './labels.js';
import { formatCheckworthiness } from '../rank/order.js';
import { layoutSvg, sanitizeSvg } from './svg.js';
import { CLIENT_SCRIPT } from './html/client.js';
import { escapeAttr, escapeText } from './html/escape.js';
import { highlight, type Layer } from './html/highlight.js';
import { REPORT_CSS } from './html/style.js';

export interface HtmlOptions {
  /** Shown in the footer: where the article came from (a file name). */
  sourceName?: string;
}

/** `'sha256-…'` of a string, the form CSP hash sources take. */
export async function cspHash(content: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(content));
  let binary = '';
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return `'sha256-${btoa(binary)}'`;
}

const t = escapeText;
const a = escapeAttr;
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

type Row = [label: string, value: string | null | undefined];

/** A finding's description: the tooltip's content and, for screen readers, the mark's `aria-describedby`. */
function describe(id: string, kind: string, main: string, rows: Row[]): string {
  const dl = rows
    .filter((r): r is [string, string] => r[1] !== null && r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `<dt>${t(k)}</dt><dd>${t(v)}</dd>`)
    .join('');
  return `<div class="fd" id="${a(id)}"><p class="fd-kind">${t(kind)}</p><p class="fd-main">${t(main)}</p>${dl ? `<dl>${dl}</dl>` : ''}</div>`;
}

/**
 * Layers shown only on request: actors are underlined everywhere and techniques often cover whole
 * sentences, so with them on at first the attribution layers would not read.
 */
const OFF_AT_FIRST = new Set(['entity', 'technique']);

const TECHNIQUE_NAME = (label: string): string => label.replace(/_/g, ' ').replace(/,/g, ', ');

function chainHtml(chain: readonly string[], sources: ReadonlyMap<string, Source>): string {
  const hops = chain.map((id) => {
    const s = sources.get(id);
    if (!s) return `<li><span class="hop"><small>source</small>${t(id)}</span></li>`;
    const kind = s.kind === 'outlet' ? 'outlet' : s.kind === 'media' && s.head ? `${s.head}` : s.kind;
    const name = s.kind === 'media' && s.outlet ? s.outlet : s.named ? s.name : `“${s.name}”`;
    return `<li><span class="hop b-${sourceBasis(s)}"><small>${t(kind)}${s.named || s.kind === 'outlet' ? '' : ' · unnamed'}</small>${t(clean(name))}</span></li>`;
  });
  return `<ol class="chain" aria-label="chain of attribution, outermost first">${hops.join('')}</ol>`;
}

function profileChart(analysis: Analysis): string {
  const p = analysis.profile;
  const rows: Array<[string, number, string]> = [
    ["the outlet's own voice", p.ownVoice, '#4a5d75'],
    ['named sources', p.named, '#1d7a55'],
    ['anonymous sources', p.anonymous, '#c0392b'],
    ['other unnamed sources', p.unnamedOther, '#b26a00'],
    ['hedged', p.hedged, '#a33c8f'],
  ];
  const max = Math.max(1, p.claims);
  // Label and count above each bar: narrow enough to stay legible when a phone scales it down.
  const width = 420;
  const rowH = 40;
  const height = rows.length * rowH;
  const bars = rows
    .map(([label, n, color], i) => {
      const y = i * rowH;
      const w = Math.round((n / max) * width);
      return (
        `<text x="0" y="${y + 15}">${t(label)}</text>` +
        `<text class="count" x="${width}" y="${y + 15}" text-anchor="end">${n}</text>` +
        `<rect class="track" x="0" y="${y + 21}" width="${width}" height="12" rx="3"/>` +
        (w > 0 ? `<rect x="0" y="${y + 21}" width="${w}" height="12" rx="3" fill="${color}"/>` : '')
      );
    })
    .join('');
  const desc = rows.map(([label, n]) => `${label}: ${n}`).join('; ');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${a(`Sourcing profile of ${p.claims} claims. ${desc}`)}">${bars}</svg>`;
}

/**
 * Lays a graph out left to right, and also top to bottom when that comes out very wide (long chains),
 * keeping whichever shape is closer to a page's; the picture is scaled to the column's width.
 */
async function graphSvg(dot: string, label: string, decorate: (id: string) => Record<string, string> | undefined): Promise<string> {
  const size = (svg: string): [number, number] => {
    const box = /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
    return box ? [Number(box[1]), Math.max(1, Number(box[2]))] : [1, 1];
  };
  const aspect = (svg: string): number => size(svg)[0] / size(svg)[1];
  let svg = await layoutSvg(dot);
  // Only a picture wider than the column (in points) would shrink its text; a short chain stays in a row.
  if (aspect(svg) > 3 && size(svg)[0] > 900 && dot.includes('rankdir=LR')) {
    const tall = await layoutSvg(dot.replace('rankdir=LR', 'rankdir=TB'));
    const score = (a: number): number => Math.abs(Math.log(a / 1.4));
    if (score(aspect(tall)) < score(aspect(svg))) svg = tall;
  }
  return sanitizeSvg(svg, { label, decorate });
}

export async function renderHtml(analysis: Analysis, options: HtmlOptions = {}): Promise<string> {
  const doc = analysis.document;
  const text = doc.text;
  const sources = new Map(analysis.sources.map((s) => [s.id, s]));
  const entityById = new Map(analysis.entities.map((e) => [e.id, e]));
  const claimNo = new Map(analysis.claims.map((c, i) => [c.id, i + 1]));
  const descriptions: string[] = [];
  const layers: Layer[] = [];
  let nextId = 0;
  const newId = (): string => `f${nextId++}`;
  const counts: Record<string, number> = { content: 0, source: 0, cue: 0, hedge: 0, technique: 0, entity: 0 };
  const ruleRows = (rule: string, evidence: string, score?: number): Row[] => [
    ['rule', rule],
    ['evidence', clean(evidence)],
    ['score', score === undefined ? null : score.toFixed(2)],
  ];

  // Same kind over the same words: one mark describing all of them.
  const merged = new Map<string, Layer>();
  const addLayer = (kind: string, start: number, end: number, extraClass: string, rank: number, description: string, id: string): void => {
    descriptions.push(description);
    counts[kind] = (counts[kind] ?? 0) + 1;
    const key = `${kind}:${start}:${end}`;
    const existing = merged.get(key);
    if (existing) {
      existing.ids.push(id);
      return;
    }
    const layer: Layer = { start, end, ids: [id], className: `k-${kind}${extraClass ? ' ' + extraClass : ''}`, rank };
    merged.set(key, layer);
    layers.push(layer);
  };

  for (const r of analysis.regions) {
    if (r.kind !== 'body') layers.push({ start: r.start, end: r.end, ids: [], className: `r-${r.kind}`, rank: -1 });
  }
  analysis.attributions.forEach((att, i) => {
    const s = att.source ? sources.get(att.source) : undefined;
    const cue = text.slice(att.cue.start, att.cue.end);
    const id = newId();
    addLayer('content', att.content.start, att.content.end, att.reported ? '' : 'stance', 0,
      describe(id, att.reported ? 'Reported content' : 'Stance (not reported speech)', s ? `Attributed to ${clean(sourceLabel(s))}` : 'No source given in the text', [
        ['cue', clean(cue)],
        ['type', att.type],
        ['nested in', att.parent ? 'an outer attribution (see its cue)' : null],
        ...ruleRows(att.rule, att.evidence, analysis.cues[i]?.score),
      ]), id);
  });
  for (const tq of analysis.techniques) {
    const id = newId();
    addLayer('technique', tq.start, tq.end, '', 1, describe(id, 'Persuasion technique', TECHNIQUE_NAME(tq.technique), ruleRows(tq.rule, tq.evidence, tq.score)), id);
  }
  for (const m of analysis.sourceMentions) {
    const s = sources.get(m.source);
    const basis = s ? sourceBasis(s) : 'unnamed';
    const id = newId();
    addLayer('source', m.start, m.end, `b-${basis}`, 2,
      describe(id, `Source · ${s?.kind ?? 'unknown'}${s && !s.named ? ' · unnamed' : ''}`, s ? clean(sourceLabel(s)) : m.source, [
        ['referred to by', m.reference],
        ['descriptors', s?.descriptors.join(', ')],
        ['unresolved', s?.unresolved ? 'yes: no unambiguous antecedent' : null],
        ['mentions', s ? String(s.mentions.length) : null],
        ...ruleRows(m.rule, m.evidence, m.score),
      ]), id);
  }
  for (const e of analysis.entities) {
    const whole = e.partOf ? entityById.get(e.partOf) : undefined;
    for (const m of e.mentions) {
      const id = newId();
      addLayer('entity', m.start, m.end, `t-${e.type}`, 3,
        describe(id, `Actor · ${ENTITY_TYPE_LABEL[e.type] ?? e.type}`, clean(e.name), [
          ['role', e.role],
          ['part of', whole ? clean(whole.name) : null],
          ['also called', e.aliases.filter((x) => x !== e.name).map(clean).join(', ')],
          ['rule', e.rule],
        ]), id);
    }
  }
  analysis.cues.forEach((c, i) => {
    const att = analysis.attributions[i];
    const s = att?.source ? sources.get(att.source) : undefined;
    const id = newId();
    addLayer('cue', c.start, c.end, '', 4,
      describe(id, `Attribution cue · ${c.type}`, `“${clean(text.slice(c.start, c.end))}” (${c.lemma})`, [
        ['source', s ? clean(sourceLabel(s)) : 'none given'],
        ['reports speech', att ? (att.reported ? 'yes' : 'no: a stance') : null],
        ...ruleRows(c.rule, c.evidence, c.score),
      ]), id);
  });
  for (const h of analysis.hedges) {
    const id = newId();
    addLayer('hedge', h.start, h.end, '', 5, describe(id, `Hedge · ${h.category}`, `“${clean(h.text)}”`, ruleRows(h.rule, h.evidence, h.score)), id);
  }
  const anchors = analysis.claims.map((c) => {
    const basis = basisOf(c, analysis.sources);
    const n = claimNo.get(c.id)!;
    return { at: c.start, html: `<a class="claim-no b-${basis}" id="at-${a(c.id)}" href="#claim-${a(c.id)}" aria-label="claim ${n}, rests on ${a(BASIS_LABEL[basis])}">${n}</a>` };
  });
  const articleHtml = highlight(text, layers, anchors);

  // Graphs: Graphviz lays them out; ids in the DOT are generated, so the SVG's groups are found by them.
  const graph = allegationGraph(analysis, { merge: true });
  const graphDescriptions: string[] = [];
  const edgeByKey = new Map(graph.edges.map((e) => [e.key, e]));
  const nodeByKey = new Map(graph.nodes.map((n) => [n.key, n]));
  for (const n of graph.nodes) {
    const e = n.entity;
    graphDescriptions.push(describe(`gd-node-${n.key}`, `Actor · ${ENTITY_TYPE_LABEL[e.type] ?? e.type}`, clean(e.name), [
      ['role', e.role],
      ['also called', e.aliases.filter((x) => x !== e.name).map(clean).join(', ')],
      ['mentions', String(e.mentions.length)],
    ]));
  }
  const chainText = (claim: Claim): string => claim.chain.map((id) => (sources.has(id) ? clean(sourceLabel(sources.get(id)!)) : id)).join(' → ');
  for (const e of graph.edges) {
    const r = e.relation;
    const subject = nodeByKey.get(e.tail)!.entity.name;
    const object = nodeByKey.get(e.head)!.entity.name;
    const claimsOf = [...new Set(e.claims.filter((c): c is Claim => c !== undefined))];
    graphDescriptions.push(describe(`gd-edge-${e.key}`, `Allegation · rests on ${BASIS_LABEL[e.basis]}`, `${clean(subject)} — ${edgeLabel(e)} → ${clean(object)}`, [
      ...claimsOf.map((c): Row => [`claim ${claimNo.get(c.id) ?? ''}`, `${clean(c.text)} (${chainText(c)})`]),
      ['hedged', r.hedged ? ([...new Set(claimsOf.flatMap((c) => c.hedges.map((h) => h.text)))].join(', ') || 'yes') : null],
      ['negated', r.negated ? 'yes' : null],
      ['modality', r.modality !== 'asserted' ? r.modality : null],
      ['words', e.relations.map((x) => `“${clean(x.trigger.text)}”`).join(', ')],
      ['rule', [...new Set(e.relations.map((x) => x.rule))].join(', ')],
    ]));
  }
  const decorateGraph = (id: string): Record<string, string> | undefined => {
    const m = /^(node|edge)-(\w+)$/.exec(id);
    if (!m) return undefined;
    const known = m[1] === 'node' ? nodeByKey.has(m[2]!) : edgeByKey.has(m[2]!);
    if (!known) return undefined;
    const did = `gd-${m[1]}-${m[2]}`;
    const name = m[1] === 'node' ? clean(nodeByKey.get(m[2]!)!.entity.name) : (() => {
      const e = edgeByKey.get(m[2]!)!;
      return `${clean(nodeByKey.get(e.tail)!.entity.name)} ${edgeLabel(e)} ${clean(nodeByKey.get(e.head)!.entity.name)}, rests on ${BASIS_LABEL[e.basis]}`;
    })();
    return { tabindex: '0', 'data-f': did, 'aria-describedby': did, role: 'img', 'aria-label': name };
  };
  const allegationSvg = graph.nodes.length > 0 ? await graphSvg(allegationDot(analysis, { ids: true, merge: true }), `Allegation graph: ${plural(graph.nodes.length, 'actor')}, ${plural(analysis.relations.length, 'allegation')}`, decorateGraph) : '';
  const chains = chainGraph(analysis);
  const chainsSvg = chains.nodes.length > 0 ? await graphSvg(chainsDot(analysis, { ids: true }), `Sourcing graph: who relies on whom, ${plural(chains.nodes.length, 'source')}`, () => undefined) : '';

  // Claims, each with its chain as a path.
  const relationsOf = new Map<string, string[]>();
  for (const r of graph.edges.flatMap((e) => e.relations.map((r) => ({ ...r, tail: e.tail, head: e.head })))) {
    const list = relationsOf.get(r.claim) ?? [];
    const e = r;
    list.push(`<li>${t(clean(nodeByKey.get(e.tail)!.entity.name))} <span class="pred">${r.negated ? 'not ' : ''}${t(r.predicate)}</span> → ${t(clean(nodeByKey.get(e.head)!.entity.name))}${r.hedged ? ' <span class="tag hedge">hedged</span>' : ''}</li>`);
    relationsOf.set(r.claim, list);
  }
  // The claim's words with its hedges picked out (offsets are the article's; the claim is a slice of it).
  const claimText = (c: Claim): string =>
    highlight(
      c.text,
      c.hedges.map((h) => ({ start: h.start - c.start, end: h.end - c.start, ids: [], className: 'hedge-word', rank: 0 })),
    ).replace(/\s+/g, ' ');
  const techniqueById = new Map(analysis.techniques.map((x) => [x.id, x]));
  const claimItems = analysis.claims.map((c: Claim) => {
    const basis = basisOf(c, analysis.sources);
    const n = claimNo.get(c.id)!;
    const tags = [c.headline ? '<span class="tag">headline</span>' : '', c.continued ? '<span class="tag">continues reported speech</span>' : ''].join('');
    const hedges = c.hedges.map((h) => `<span class="tag hedge">${t(clean(h.text))}</span>`).join(' ');
    const techniques = [...new Set(c.techniques.map((id) => techniqueById.get(id)?.technique).filter((x): x is NonNullable<typeof x> => x !== undefined))]
      .map((l) => `<span class="tag technique">${t(TECHNIQUE_NAME(l))}</span>`)
      .join(' ');
    const rels = relationsOf.get(c.id);
    return (
      `<li class="claim b-${basis}" id="claim-${a(c.id)}">` +
      `<div class="claim-head"><span class="no">${n}.</span><span class="basis b-${basis}">rests on ${t(BASIS_LABEL[basis])}</span>${tags}${hedges ? `<span>hedged: ${hedges}</span>` : ''}${techniques}<span class="cw" title="How likely a fact-checker is to choose it for checking (CLEF-2019 CheckThat! model)">check-worthiness ${t(formatCheckworthiness(c.checkworthiness))}</span><a href="#at-${a(c.id)}">in the article ↑</a></div>` +
      `<p class="claim-text">${claimText(c)}</p>` +
      chainHtml(c.chain, sources) +
      (rels ? `<ul class="rels" aria-label="allegations in this claim">${rels.join('')}</ul>` : '') +
      `</li>`
    );
  });

  const sourceRows = analysis.sources.map((s) => {
    const innermost = analysis.claims.filter((c) => c.chain.length > 1 && c.chain[c.chain.length - 1] === s.id).length;
    const through = analysis.claims.filter((c) => c.chain.includes(s.id)).length;
    return `<tr><td><span class="sw b-${sourceBasis(s)}"></span> ${t(clean(sourceLabel(s)))}</td><td>${t(s.kind)}${s.unresolved ? ' (unresolved)' : ''}</td><td>${s.named ? 'named' : 'unnamed'}</td><td>${t(s.descriptors.join(', '))}</td><td>${s.mentions.length}</td><td>${s.kind === 'outlet' ? through : `${innermost} / ${through}`}</td></tr>`;
  });

  // The graph as a table: for screen readers, and for a reader who wants to go down the list.
  const allegationRows = graph.edges.flatMap((e) =>
    e.relations.map((r, i) => {
      const c = e.claims[i];
      const flags = [r.negated ? 'negated' : '', r.hedged ? 'hedged' : '', r.modality !== 'asserted' ? r.modality : ''].filter(Boolean).join(', ');
      return `<tr><td>${t(clean(nodeByKey.get(e.tail)!.entity.name))}</td><td><span class="pred">${t(r.predicate)}</span></td><td>${t(clean(nodeByKey.get(e.head)!.entity.name))}</td><td><span class="sw line b-${e.basis}"></span> ${t(BASIS_LABEL[e.basis])}</td><td>${t(flags)}</td><td>${c ? `<a href="#claim-${a(c.id)}">${claimNo.get(c.id)}</a>` : ''}</td></tr>`;
    }),
  );
  const allegationTable = `<details class="table-details"><summary>The allegations as a table (${allegationRows.length})</summary><div class="table-wrap"><table><thead><tr><th scope="col">Who</th><th scope="col">Does</th><th scope="col">To whom</th><th scope="col">Rests on</th><th scope="col">Qualified</th><th scope="col">Claim</th></tr></thead><tbody>${allegationRows.join('')}</tbody></table></div></details>`;

  const p = analysis.profile;
  const heading = doc.title ? clean(doc.title) : 'Untitled article';
  const meta = [doc.byline ? `by ${clean(doc.byline)}` : null, doc.place ? clean(doc.place) : null, doc.published ? clean(doc.published) : null].filter((x): x is string => x !== null);
  const summary =
    p.claims === 0
      ? 'No claims were found.'
      : `Of <span class="n">${plural(p.claims, 'claim')}</span>, <span class="n">${p.ownVoice}</span> ${p.ownVoice === 1 ? 'is' : 'are'} in the outlet's own voice, <span class="n">${p.named}</span> rest${p.named === 1 ? 's' : ''} on named sources, <span class="n">${p.anonymous}</span> on anonymous sources and <span class="n">${p.unnamedOther}</span> on other unnamed sources (a post such as “the mayor”, a document, an unresolved speaker); <span class="n">${p.hedged}</span> ${p.hedged === 1 ? 'is' : 'are'} hedged.`;
  const longest = p.longestChain.length > 1 ? `<h3>Longest chain</h3>${chainHtml(p.longestChain, sources)}` : '';
  // Who the claims finally rest on, most first: the question a fact-checker asks next.
  const origins = new Map<string, number>();
  for (const c of analysis.claims) if (c.chain.length > 1) origins.set(c.chain[c.chain.length - 1]!, (origins.get(c.chain[c.chain.length - 1]!) ?? 0) + 1);
  const sourcesAtAGlance = origins.size
    ? `<h3>Innermost sources</h3><ul class="origins">${[...origins]
        .sort((x, y) => y[1] - x[1])
        .map(([id, n]) => {
          const src = sources.get(id);
          return `<li><span class="sw b-${src ? sourceBasis(src) : 'unnamed'}"></span> ${t(src ? clean(sourceLabel(src)) : id)} <span class="muted">${plural(n, 'claim')}</span></li>`;
        })
        .join('')}</ul>`
    : '';

  const basisLegend = (['own-voice', 'named', 'anonymous', 'unnamed'] as Basis[])
    .map((b) => `<span class="item"><span class="sw line b-${b}"></span>${t(BASIS_LABEL[b])}</span>`)
    .join('');
  const typeLegend = [...new Set(graph.nodes.map((n) => n.entity.type))].map((ty) => `<span class="item"><span class="sw t-${a(ty)}"></span>${t(ENTITY_TYPE_LABEL[ty] ?? ty)}</span>`).join('');
  const layerLegend = [
    ['content', 'reported content'],
    ['source', 'source (colour: what it is)'],
    ['cue', 'attribution cue'],
    ['hedge', 'hedge'],
    ['technique', 'persuasion technique'],
    ['entity', 'actor'],
  ]
    .filter(([k]) => (counts[k!] ?? 0) > 0)
    .map(([k, label]) => `<label><input type="checkbox"${OFF_AT_FIRST.has(k!) ? '' : ' checked'} data-layer="${k}"> <span class="sw k-${k}${k === 'source' ? ' b-named' : ''}"></span>${t(label!)} (${counts[k!]})</label>`)
    .join('');

  const body = `<header class="top"><div class="wrap">
<p class="kicker"><b>claimtrace</b> report${doc.outlet ? ` · ${t(clean(doc.outlet))}` : ''}</p>
<h1>${t(heading)}</h1>
${meta.length ? `<p class="meta">${t(meta.join(' · '))}</p>` : ''}
<p class="summary">${summary}</p>
</div></header>
<nav class="toc" aria-label="sections"><ul><li><a href="#profile">Profile</a></li><li><a href="#graph">Allegations</a></li><li><a href="#article">Article</a></li><li><a href="#claims">Claims</a></li><li><a href="#sources">Sources</a></li><li><a href="#findings">All findings</a></li></ul></nav>
<main class="wrap">
<section id="profile" aria-labelledby="h-profile"><h2 id="h-profile">Sourcing profile</h2>
<p class="lede">What the article's claims rest on: the innermost source of each claim's chain of attribution.</p>
<div class="profile-grid"><div>${profileChart(analysis)}</div><div>${longest}${sourcesAtAGlance}</div></div>
</section>
<section id="graph" aria-labelledby="h-graph"><h2 id="h-graph">Allegation graph</h2>
<p class="lede">Who the article says did what to whom. Each edge is coloured by what its claim rests on; dashed edges are hedged. Hover or focus an edge for its claim and chain.</p>
<div class="legend" aria-label="edge legend">${basisLegend}<span class="item"><span class="sw line dashed"></span>hedged</span>${typeLegend}</div>
${allegationSvg ? `<div class="graph">${allegationSvg}</div>${allegationTable}` : '<p class="empty">No allegations between actors were found.</p>'}
<h3>Who relies on whom</h3>
<p class="lede">Every claim's chain, merged: from the outlet to the reports and people it cites, and who they cite in turn.</p>
${chainsSvg ? `<div class="graph">${chainsSvg}</div>` : '<p class="empty">No sources.</p>'}
</section>
<section id="article" aria-labelledby="h-article"><h2 id="h-article">The article, annotated</h2>
<p class="lede">Every finding is marked in place; hover or focus (Tab) a mark for its details. Numbers mark where each claim starts.</p>
<fieldset class="legend"><legend>Show</legend>${layerLegend}</fieldset>
<div class="article-text${[...OFF_AT_FIRST].filter((k) => (counts[k] ?? 0) > 0).map((k) => ` hide-${k}`).join('')}" id="article-text">${articleHtml}</div>
</section>
<section id="claims" aria-labelledby="h-claims"><h2 id="h-claims">Claims</h2>
<p class="lede">Each claim with its chain of attribution, from the outlet to the innermost source.</p>
${claimItems.length ? `<ol class="claims">${claimItems.join('\n')}</ol>` : '<p class="empty">No claims were found.</p>'}
</section>
<section id="sources" aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Named</th><th scope="col">Descriptors</th><th scope="col">Mentions</th><th scope="col">Claims (innermost / through)</th></tr></thead>
<tbody>${sourceRows.join('')}</tbody></table></div>
</section>
<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">All findings</h2>
<details class="all"><summary>${plural(descriptions.length + graphDescriptions.length, 'finding')}, with the rule that produced each</summary>
${descriptions.join('\n')}
${graphDescriptions.join('\n')}
</details>
</section>
</main>
<footer class="wrap">Generated by claimtrace ${t(analysis.version)}${options.sourceName ? ` from ${t(options.sourceName)}` : ''}. The report shows what the article's claims rest on; it does not rule on whether they are true. It loads nothing from the network.</footer>
<div id="tip" role="tooltip" hidden></div>`;

  const csp = [`default-src 'none'`, `style-src ${await cspHash(REPORT_CSS)}`, `script-src ${await cspHash(CLIENT_SCRIPT)}`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${a(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="claimtrace ${a(analysis.version)}">
<title>${t(`claimtrace — ${heading}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
