/**
 * One article's analysis, explorable: the text with its findings in layers that can be toggled, the
 * claims grouped by what they rest on, each claim's chain, and the allegation graph whose edges select
 * their claims. Used by the analyse page and by a corpus document's page.
 */
import type { Analysis, Claim, Source } from '../model/types.js';
import { allegationGraph, basisOf, BASIS_LABEL, type Basis } from '../report/graph.js';
import { sourceLabel } from '../report/labels.js';
import { append, clear, h, importSvg, svg } from './dom.js';
import { formatCheckworthiness } from '../rank/order.js';

export const LAYERS = [
  { key: 'source', label: 'Sources' },
  { key: 'cue', label: 'Cues' },
  { key: 'content', label: 'Attributed content' },
  { key: 'hedge', label: 'Hedges' },
  { key: 'technique', label: 'Techniques' },
] as const;
type LayerKey = (typeof LAYERS)[number]['key'];

interface Mark {
  start: number;
  end: number;
  layer: LayerKey | 'claim';
  /** Finding id (claim id for claims; `m3` for source mention 3…). */
  id: string;
  /** What a reader sees on hover or focus. */
  note: string;
  /** The source a source mention refers to. */
  source?: string;
}

const BASIS_ORDER: Basis[] = ['named', 'anonymous', 'unnamed', 'own-voice'];

function techniqueName(label: string): string {
  return label.replace(/_/g, ' ').replace(/,/g, ', ').replace(/-/g, ' / ').toLowerCase();
}

function marksOf(a: Analysis): Mark[] {
  const sourceById = new Map(a.sources.map((s) => [s.id, s]));
  const marks: Mark[] = [];
  a.sourceMentions.forEach((m, i) => {
    if (m.end <= m.start) return;
    const s = sourceById.get(m.source);
    marks.push({ start: m.start, end: m.end, layer: 'source', id: `m${i}`, source: m.source, note: `source: ${s ? sourceLabel(s) : m.source}` });
  });
  for (const at of a.attributions) {
    const s = at.source ? sourceById.get(at.source) : undefined;
    marks.push({ start: at.cue.start, end: at.cue.end, layer: 'cue', id: `${at.id}-cue`, note: `cue (${at.type}) — rule ${at.rule}` });
    marks.push({ start: at.content.start, end: at.content.end, layer: 'content', id: `${at.id}-content`, note: `attributed to ${s ? sourceLabel(s) : 'an unstated source'}` });
  }
  a.hedges.forEach((x, i) => marks.push({ start: x.start, end: x.end, layer: 'hedge', id: `h${i}`, note: `hedge (${x.category})` }));
  for (const t of a.techniques) {
    marks.push({ start: t.start, end: t.end, layer: 'technique', id: t.id, note: `technique: ${techniqueName(t.technique)} (${Math.round(t.score * 100)}%)` });
  }
  for (const c of a.claims) marks.push({ start: c.start, end: c.end, layer: 'claim', id: c.id, note: '' });
  return marks.filter((m) => m.end > m.start);
}

/**
 * The article as flat runs: every boundary of every finding cuts the text, and each run carries every
 * finding that covers it, so overlapping findings never need overlapping elements.
 */
function renderText(a: Analysis, marks: Mark[]): HTMLElement {
  const text = a.document.text;
  const container = h('div', { class: 'article-text', lang: 'en' });
  const paragraphs = a.paragraphs.length > 0 ? a.paragraphs : [{ start: 0, end: text.length }];
  const bounds = new Set<number>();
  for (const m of marks) bounds.add(m.start).add(m.end);
  const sorted = [...marks].sort((x, y) => x.start - y.start);
  let next = 0;
  let active: Mark[] = [];
  for (const p of paragraphs) {
    const el = h('p');
    const cuts = [p.start, ...[...bounds].filter((b) => b > p.start && b < p.end).sort((x, y) => x - y), p.end];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k]!;
      const to = cuts[k + 1]!;
      while (next < sorted.length && sorted[next]!.start <= from) active.push(sorted[next++]!);
      active = active.filter((m) => m.end > from);
      const covering = active.filter((m) => m.start <= from && m.end >= to);
      const piece = text.slice(from, to);
      if (covering.length === 0) {
        el.append(piece);
        continue;
      }
      const layers = new Set(covering.map((m) => m.layer));
      const notes = covering.map((m) => m.note).filter(Boolean);
      const sources = covering.flatMap((m) => (m.source ? [m.source] : []));
      const run = h('span', {
        class: [...layers].map((l) => `l-${l}`).join(' '),
        'data-ids': covering.map((m) => m.id).join(' '),
        'data-sources': sources.length > 0 ? sources.join(' ') : undefined,
        title: notes.length > 0 ? notes.join('\n') : undefined,
      });
      run.textContent = piece;
      el.append(run);
    }
    container.append(el);
  }
  return container;
}

function chainPath(claim: Claim, sources: readonly Source[]): HTMLElement {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const list = h('ol', { class: 'chain', 'aria-label': 'Chain of attribution, from the outlet to the origin' });
  claim.chain.forEach((id, i) => {
    const s = byId.get(id);
    const basis = s ? (i === 0 ? 'own-voice' : basisOf({ chain: ['', s.id] }, [s])) : 'unnamed';
    list.append(h('li', { class: `link basis-${basis}` }, s ? sourceLabel(s) : id));
  });
  return list;
}

function profileChart(a: Analysis): SVGElement {
  const p = a.profile;
  const rows: Array<[string, number, string]> = [
    ["the outlet's own voice", p.ownVoice, 'own-voice'],
    ['named sources', p.named, 'named'],
    ['anonymous sources', p.anonymous, 'anonymous'],
    ['other unnamed sources', p.unnamedOther, 'unnamed'],
    ['hedged', p.hedged, 'hedged'],
  ];
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const width = 320;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${rows.length * 24}`, role: 'img', class: 'profile-chart', 'aria-label': `Sourcing profile of ${p.claims} claims` });
  rows.forEach(([label, n, cls], i) => {
    const y = i * 24;
    chart.append(
      svg('text', { x: 0, y: y + 15, class: 'label' }, label),
      svg('rect', { x: 190, y: y + 4, width: Math.max(1, (n / max) * (width - 230)), height: 14, rx: 2, class: `bar basis-${cls}` }),
      svg('text', { x: 196 + (n / max) * (width - 230), y: y + 15, class: 'count' }, String(n)),
    );
  });
  return chart;
}

export interface ArticleView {
  element: HTMLElement;
  selectClaim(id: string | null): void;
}

/** Builds the whole view; `graphSvg` is Graphviz's SVG of the allegation graph (or null without relations). */
export function renderArticleView(a: Analysis, graphSvg: string | null): ArticleView {
  const marks = marksOf(a);
  const root = h('div', { class: 'article-view' });
  const layerState = new Set<LayerKey>(LAYERS.map((l) => l.key));

  // Header: what the page says about itself, and the sourcing profile.
  const meta = [a.document.outlet, a.document.byline && `by ${a.document.byline}`, a.document.published, a.document.place].filter(Boolean).join(' · ');
  root.append(
    h('header', { class: 'article-head' }, h('h2', {}, a.document.title ?? 'Untitled article'), meta ? h('p', { class: 'meta' }, meta) : null),
    h('section', { class: 'profile', 'aria-label': 'Sourcing profile' }, h('h3', {}, `Sourcing profile — ${a.profile.claims} claims`), profileChart(a)),
  );

  // Layer toggles.
  const toggles = h('fieldset', { class: 'layers' }, h('legend', {}, 'Show'));
  for (const l of LAYERS) {
    const input = h('input', { type: 'checkbox', id: `layer-${l.key}`, checked: true });
    input.addEventListener('change', () => {
      if (input.checked) layerState.add(l.key);
      else layerState.delete(l.key);
      textEl.classList.toggle(`hide-${l.key}`, !input.checked);
    });
    toggles.append(h('label', { class: `toggle l-${l.key}`, for: `layer-${l.key}` }, input, ' ', l.label));
  }

  const textEl = renderText(a, marks);
  const articleSection = h('section', { class: 'article', 'aria-label': 'Article text with findings' }, toggles, textEl);

  // Claims grouped by what they rest on.
  const claimsSection = h('section', { class: 'claims', 'aria-label': 'Claims by what they rest on' }, h('h3', {}, 'Claims'));
  const detail = h('div', { class: 'claim-detail', 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Choose a claim to see the chain of sources it rests on.'));
  const buttons = new Map<string, HTMLButtonElement>();
  // Each group's items in text order, to put back in that order or the most check-worthy first.
  const groups: Array<{ list: HTMLUListElement; items: Array<{ li: HTMLLIElement; score: number }> }> = [];
  const order = h('input', { type: 'checkbox', id: 'claims-by-checkworthiness' });
  order.addEventListener('change', () => {
    for (const g of groups) {
      const items = order.checked ? [...g.items].sort((x, y) => y.score - x.score) : g.items;
      for (const { li } of items) g.list.append(li);
    }
  });
  if (a.claims.length > 1) claimsSection.append(h('label', { class: 'claim-order', for: 'claims-by-checkworthiness' }, order, ' Most check-worthy first'));
  for (const basis of BASIS_ORDER) {
    const claims = a.claims.filter((c) => basisOf(c, a.sources) === basis);
    if (claims.length === 0) continue;
    const list = h('ul', { class: 'claim-list' });
    const group: (typeof groups)[number] = { list, items: [] };
    groups.push(group);
    for (const c of claims) {
      const button = h(
        'button',
        { type: 'button', class: `claim basis-${basis}`, 'data-claim': c.id, 'aria-pressed': 'false' },
        c.headline ? '[headline] ' : '',
        c.text,
        h('span', { class: 'cw', title: 'check-worthiness: how likely a fact-checker is to choose it for checking' }, ` · ${formatCheckworthiness(c.checkworthiness)}`),
      );
      button.addEventListener('click', () => view.selectClaim(button.getAttribute('aria-pressed') === 'true' ? null : c.id));
      buttons.set(c.id, button);
      const li = h('li', {}, button);
      group.items.push({ li, score: c.checkworthiness });
      list.append(li);
    }
    claimsSection.append(h('h4', { class: `basis-${basis}` }, `Resting on ${BASIS_LABEL[basis]} (${claims.length})`), list);
  }
  if (a.claims.length === 0) claimsSection.append(h('p', {}, 'No claims were found.'));

  // The allegation graph; its edges select their claims.
  const graphSection = h('section', { class: 'graph', 'aria-label': 'Allegation graph' }, h('h3', {}, 'Allegation graph'));
  const graphEl = graphSvg ? importSvg(graphSvg) : null;
  if (graphEl) {
    graphEl.setAttribute('role', 'img');
    graphEl.setAttribute('aria-label', `Allegation graph: ${a.relations.length} alleged relations between ${a.entities.length} actors`);
    // Edge ids in the SVG are the graph's keys (`edge-e3`), as the worker drew it with the same options.
    const claimsOfEdge = new Map(allegationGraph(a, { merge: true }).edges.map((e) => [`edge-${e.key}`, e.claims.flatMap((c) => (c ? [c.id] : []))]));
    for (const edge of Array.from(graphEl.querySelectorAll('g.edge'))) {
      const claimId = claimsOfEdge.get(edge.id)?.[0];
      if (!claimId) continue;
      edge.setAttribute('data-claim', claimId);
      edge.classList.add('selectable');
      edge.addEventListener('click', () => view.selectClaim(claimId));
    }
    graphSection.append(h('div', { class: 'graph-frame' }, graphEl));
  } else {
    graphSection.append(h('p', {}, a.relations.length === 0 ? 'No alleged relations between actors were found.' : 'The graph could not be drawn in this browser.'));
  }
  if (a.relations.length > 0) {
    const edgeButtons = h('ul', { class: 'edge-list', 'aria-label': 'Alleged relations' });
    const entityName = new Map(a.entities.map((e) => [e.id, e.name]));
    for (const r of a.relations) {
      const b = h(
        'button',
        { type: 'button', class: 'edge-button', 'data-claim': r.claim },
        `${entityName.get(r.subject) ?? r.subject} —${r.negated ? 'not ' : ''}${r.predicate}→ ${entityName.get(r.object) ?? r.object}${r.hedged ? ' (hedged)' : ''}`,
      );
      b.addEventListener('click', () => view.selectClaim(r.claim));
      edgeButtons.append(h('li', {}, b));
    }
    graphSection.append(edgeButtons);
  }

  root.append(h('div', { class: 'columns' }, articleSection, h('aside', { class: 'side' }, detail, claimsSection)), graphSection);

  const view: ArticleView = {
    element: root,
    selectClaim(id) {
      for (const el of Array.from(root.querySelectorAll('.selected, .in-chain'))) el.classList.remove('selected', 'in-chain');
      for (const b of buttons.values()) b.setAttribute('aria-pressed', 'false');
      clear(detail);
      const claim = id ? a.claims.find((c) => c.id === id) : undefined;
      if (!claim) return;
      buttons.get(claim.id)?.setAttribute('aria-pressed', 'true');
      const chainSources = new Set(claim.chain);
      for (const el of Array.from(textEl.querySelectorAll<HTMLElement>('[data-ids]'))) {
        const ids = el.dataset.ids!.split(' ');
        if (ids.includes(claim.id)) el.classList.add('selected');
        if ((el.dataset.sources ?? '').split(' ').some((s) => chainSources.has(s))) el.classList.add('in-chain');
      }
      for (const el of Array.from(root.querySelectorAll(`[data-claim="${CSS.escape(claim.id)}"]`))) {
        if (!el.classList.contains('claim')) el.classList.add('selected');
      }
      const hedges = claim.hedges.map((x) => x.text);
      const techniques = a.techniques.filter((t) => claim.techniques.includes(t.id));
      append(detail, [
        h('h3', {}, 'What this claim rests on'),
        chainPath(claim, a.sources),
        h('p', {}, `Rests on ${BASIS_LABEL[basisOf(claim, a.sources)]}.`),
        h('p', {}, `Check-worthiness ${formatCheckworthiness(claim.checkworthiness)}: how likely a fact-checker is to choose it for checking (it says nothing about whether it is true).`),
        hedges.length > 0 ? h('p', {}, `Hedged: ${hedges.join(', ')}`) : null,
        techniques.length > 0 ? h('p', {}, `Techniques: ${techniques.map((t) => `${techniqueName(t.technique)} (“${t.text}”)`).join('; ')}`) : null,
      ]);
      root.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
    },
  };
  return view;
}
