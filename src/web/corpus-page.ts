/**
 * The corpus pages: claims across outlets (clusters, their spread timeline, circular-reporting flags with
 * reasons and chains), documents with full-text search and filters, one document's claims and chains,
 * and who cites whom. Everything comes from the local server's JSON API and enters the page as text.
 */
import { Chart, LinearScale, PointElement, LineElement, LineController, ScatterController, Tooltip, Legend } from 'chart.js';
import type { Analysis } from '../model/types.js';
import type { ClusterJson } from '../server/corpus-api.js';
import type { CitationCount, DocumentListing } from '../store/store.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';
import { renderArticleView } from './article-view.js';
import { append, clear, h, importSvg } from './dom.js';
import { formatCheckworthiness } from '../rank/order.js';
import { originLabel, restsOn } from '../corpus/origins.js';

Chart.register(LinearScale, PointElement, LineElement, LineController, ScatterController, Tooltip, Legend);

const DAY = 86_400_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

function dateOf(published: string | null): string {
  return published ? published.slice(0, 10) : 'undated';
}

export function startCorpusPage(): void {
  const status = document.getElementById('status')!;
  const say = (message: string, error = false) => {
    status.textContent = message;
    status.classList.toggle('error', error);
  };
  const tabs = ['clusters', 'documents', 'outlets'] as const;
  type Tab = (typeof tabs)[number];
  const loaded = new Set<Tab>();
  const panel = (t: Tab) => document.getElementById(`panel-${t}`)!;

  const select = (tab: Tab, focus = false) => {
    for (const t of tabs) {
      const button = document.getElementById(`tab-${t}`)!;
      button.setAttribute('aria-selected', String(t === tab));
      button.tabIndex = t === tab ? 0 : -1;
      panel(t).hidden = t !== tab;
      if (t === tab && focus) button.focus();
    }
    if (!loaded.has(tab)) {
      loaded.add(tab);
      const load = tab === 'clusters' ? loadClusters : tab === 'documents' ? loadDocuments : loadOutlets;
      load().catch((e: Error) => say(e.message, true));
    }
  };
  tabs.forEach((t, i) => {
    const button = document.getElementById(`tab-${t}`)!;
    button.addEventListener('click', () => select(t));
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step !== 0) select(tabs[(i + step + tabs.length) % tabs.length]!, true);
    });
  });

  // Claims across outlets.
  let clusterOrder = 'reach';
  async function loadClusters(): Promise<void> {
    const root = panel('clusters');
    const { clusters } = await getJson<{ clusters: ClusterJson[] }>(`/api/clusters?sort=${clusterOrder}`);
    const shared = clusters.filter((c) => new Set(c.documents.map((d) => d.outlet)).size > 1 || c.documents.length > 1);
    const circular = shared.filter((c) => c.circular).length;
    const order = h(
      'select',
      { 'aria-label': 'Order of the claims' },
      h('option', { value: 'reach' }, 'most outlets first'),
      h('option', { value: 'checkworthy' }, 'most check-worthy first'),
    ) as HTMLSelectElement;
    order.value = clusterOrder;
    order.addEventListener('change', () => {
      clusterOrder = order.value;
      clear(root);
      void loadClusters();
    });
    root.append(
      h('p', { class: 'summary' }, `${shared.length} claims appear in more than one article; ${circular} flagged as circular reporting. `, h('label', {}, 'Order: ', order)),
    );
    const list = h('ul', { class: 'cluster-list' });
    for (const c of shared) {
      const outlets = [...new Set(c.documents.map((d) => d.outlet ?? 'unknown outlet'))];
      const button = h(
        'button',
        { type: 'button', class: `cluster${c.circular ? ' circular' : ''}`, 'aria-expanded': 'false', 'data-cluster': c.id },
        c.circular ? h('span', { class: 'flag' }, 'circular reporting') : null,
        h('span', { class: 'cluster-claim' }, c.claim),
        h('span', { class: 'cluster-meta' }, `${c.documents.length} articles · ${outlets.length} outlets: ${outlets.join(', ')}`),
        // The score beside what the claim rests on.
        h(
          'span',
          { class: 'cluster-meta' },
          `check-worthiness ${formatCheckworthiness(c.checkworthiness)} · ${restsOn(c.origins)}`,
        ),
      );
      const detail = h('div', { class: 'cluster-detail', hidden: true });
      button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(open));
        detail.hidden = !open;
        if (open && !detail.firstChild) renderCluster(c, detail);
      });
      list.append(h('li', {}, button, detail));
    }
    root.append(list);
    if (shared.length === 0) root.append(h('p', {}, 'No claim appears in more than one article yet.'));
  }

  function renderCluster(c: ClusterJson, root: HTMLElement): void {
    const first = [...c.documents].sort((x, y) => (x.published ?? '9999').localeCompare(y.published ?? '9999'))[0];
    append(root, [
      h('p', { class: c.circular ? 'reason circular' : 'reason' }, c.circular ? `Circular reporting: ${c.reason}` : c.reason || 'Not flagged.'),
      first ? h('p', {}, `First appearance: ${first.outlet ?? 'unknown outlet'}, ${dateOf(first.published)}.`) : null,
      c.chains.length > 0 ? h('ul', { class: 'chains' }, ...c.chains.map((line) => h('li', {}, line))) : null,
      h('h4', {}, 'Origins'),
      h('ul', { class: 'origins' }, ...c.origins.map((o) => h('li', { class: o.named ? 'named' : 'unnamed' }, originLabel(o)))),
      h('h4', {}, 'Articles'),
    ]);
    const table = h('table', { class: 'cluster-docs' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'The claim as written'))));
    const body = h('tbody');
    for (const d of c.documents) {
      const open = h('a', { href: `/corpus/documents/${encodeURIComponent(d.id)}`, 'data-document': d.id }, d.claim);
      open.addEventListener('click', (event) => {
        event.preventDefault();
        void openDocument(d.id);
      });
      body.append(
        h(
          'tr',
          {},
          h('td', {}, dateOf(d.published)),
          h('td', {}, d.outlet ?? 'unknown'),
          h('td', {}, open),
        ),
      );
    }
    table.append(body);
    root.append(table);
    const dated = c.documents.filter((d) => d.published && !Number.isNaN(Date.parse(d.published)));
    if (dated.length > 0) root.append(timeline(c, dated));
  }

  /** Spread timeline: cumulative number of articles carrying the claim, one point per article. */
  function timeline(c: ClusterJson, dated: ClusterJson['documents']): HTMLElement {
    const points = dated
      .map((d) => ({ t: Date.parse(d.published!), outlet: d.outlet ?? 'unknown' }))
      .sort((x, y) => x.t - y.t)
      .map((p, i) => ({ x: p.t, y: i + 1, outlet: p.outlet }));
    const canvas = h('canvas', { role: 'img', 'aria-label': `Spread timeline: ${points.length} articles from ${dateOf(dated[0]!.published)}` });
    const frame = h('div', { class: 'timeline' }, h('h4', {}, 'Spread over time'), canvas);
    new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ label: 'articles carrying the claim', data: points, stepped: true, borderColor: c.circular ? '#c0392b' : '#1d7a55', backgroundColor: c.circular ? '#c0392b' : '#1d7a55', pointRadius: 4 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', ticks: { callback: (v) => new Date(Number(v)).toISOString().slice(0, 10), maxTicksLimit: 6 }, suggestedMin: points[0]!.x - DAY / 2, suggestedMax: points[points.length - 1]!.x + DAY / 2 },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'articles' } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => `${(ctx.raw as { outlet: string }).outlet}, ${new Date(ctx.parsed.x ?? 0).toISOString().slice(0, 10)}` } },
        },
      },
    });
    return frame;
  }

  // Documents: full-text search and filters.
  async function loadDocuments(): Promise<void> {
    const root = panel('documents');
    const q = h('input', { type: 'search', id: 'doc-q', name: 'q', placeholder: 'words, "a phrase", or NEAR(a b)' });
    const outlet = h('select', { id: 'doc-outlet', name: 'outlet' }, h('option', { value: '' }, 'any outlet'));
    const from = h('input', { type: 'date', id: 'doc-from', name: 'from' });
    const to = h('input', { type: 'date', id: 'doc-to', name: 'to' });
    const kind = h(
      'select',
      { id: 'doc-kind', name: 'sourceKind' },
      h('option', { value: '' }, 'any source'),
      ...['person', 'organization', 'media', 'document', 'anonymous'].map((k) => h('option', { value: k }, k)),
    );
    const form = h(
      'form',
      { class: 'doc-search', role: 'search' },
      h('label', { for: 'doc-q' }, 'Search'),
      q,
      h('label', { for: 'doc-outlet' }, 'Outlet'),
      outlet,
      h('label', { for: 'doc-from' }, 'From'),
      from,
      h('label', { for: 'doc-to' }, 'To'),
      to,
      h('label', { for: 'doc-kind' }, 'Cites'),
      kind,
      h('button', { type: 'submit' }, 'Search'),
    );
    const results = h('div', { class: 'doc-results', 'aria-live': 'polite' });
    root.append(form, results);
    let outletsFilled = false;
    const search = async () => {
      const params = new URLSearchParams();
      for (const [k, v] of [['q', q.value], ['outlet', outlet.value], ['from', from.value], ['to', to.value], ['sourceKind', kind.value]] as const) if (v) params.set(k, v);
      const data = await getJson<{ total: number; documents: DocumentListing[]; outlets: string[] }>(`/api/documents?${params}`);
      if (!outletsFilled) {
        outletsFilled = true;
        for (const o of data.outlets) outlet.append(h('option', { value: o }, o));
      }
      clear(results);
      results.append(h('p', {}, `${data.total} documents`));
      const list = h('ul', { class: 'doc-list' });
      for (const d of data.documents) {
        const link = h('a', { href: `/corpus/documents/${encodeURIComponent(d.id)}` }, d.title ?? d.id);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          void openDocument(d.id);
        });
        list.append(h('li', {}, link, h('span', { class: 'doc-meta' }, ` ${d.outlet ?? 'unknown outlet'} · ${dateOf(d.published)} · ${d.claims} claims`), d.snippet ? h('div', { class: 'snippet' }, d.snippet) : null));
      }
      results.append(list);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      search().catch((e: Error) => say(e.message, true));
    });
    await search();
  }

  // Who cites whom.
  async function loadOutlets(): Promise<void> {
    const root = panel('outlets');
    const { edges } = await getJson<{ edges: CitationCount[] }>('/api/citations');
    if (edges.length === 0) return void root.append(h('p', {}, 'No outlet cites another source yet.'));
    const svgText = await graph({ kind: 'citations', edges });
    const el = svgText ? importSvg(svgText) : null;
    if (el) {
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', `Citation graph: ${edges.length} links from outlets to what they cite`);
      root.append(h('div', { class: 'graph-frame' }, el));
    }
    const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'cites'), h('th', { scope: 'col' }, 'kind'), h('th', { scope: 'col' }, 'times'))));
    const body = h('tbody');
    for (const e of edges) body.append(h('tr', {}, h('td', {}, e.from), h('td', {}, e.to), h('td', {}, e.kind), h('td', {}, String(e.count))));
    table.append(body);
    root.append(table);
  }

  // One document: its stored analysis, explored like the analyse page's.
  const documentView = h('section', { class: 'document-view', 'aria-label': 'Document', hidden: true });
  document.getElementById('main')!.append(documentView);
  async function openDocument(id: string): Promise<void> {
    const doc = await getJson<DocumentListing & { analysis: Analysis }>(`/api/documents/${encodeURIComponent(id)}`);
    // Ingest gives the record's outlet to the analysis; a corpus ingested before it did still shows
    // "the article" as the outermost link, so the record's outlet stands in for it here.
    const analysis: Analysis =
      doc.outlet && doc.outlet !== 'unknown' && !doc.analysis.document.outlet
        ? { ...doc.analysis, sources: doc.analysis.sources.map((s) => (s.kind === 'outlet' && !doc.analysis.document.byline ? { ...s, name: doc.outlet } : s)) }
        : doc.analysis;
    const svgText = await graph({ kind: 'allegations', analysis });
    clear(documentView);
    const back = h('button', { type: 'button', class: 'secondary' }, '← Back to the corpus');
    back.addEventListener('click', () => {
      documentView.hidden = true;
      history.pushState(null, '', '/corpus');
    });
    documentView.append(back, renderArticleView(analysis, svgText).element);
    documentView.hidden = false;
    history.pushState(null, '', `/corpus/documents/${encodeURIComponent(id)}`);
    documentView.querySelector('h2')?.setAttribute('tabindex', '-1');
    (documentView.querySelector('h2') as HTMLElement | null)?.focus();
  }

  // Graph layout runs in the worker (Graphviz WASM).
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, (svg: string | null) => void>();
  function graph(what: { kind: 'allegations'; analysis: Analysis } | { kind: 'citations'; edges: CitationCount[] }): Promise<string | null> {
    if (!worker) {
      worker = new Worker('/assets/worker.js', { type: 'module' });
      worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
        const r = event.data;
        waiting.get(r.id)?.(r.ok ? r.graphSvg : null);
        waiting.delete(r.id);
      };
    }
    const id = ++nextId;
    const request: WorkerRequest = what.kind === 'allegations' ? { id, kind: 'graph', analysis: what.analysis } : { id, kind: 'citations', edges: what.edges };
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker!.postMessage(request);
    });
  }

  const match = /^\/corpus\/documents\/([^/]+)$/.exec(location.pathname);
  select('clusters');
  if (match) void openDocument(decodeURIComponent(match[1]!)).catch((e: Error) => say(e.message, true));
}
