/**
 * The analysis worker: runs the claimtrace core on the reader's own machine, off the page's main thread,
 * and lays out the allegation graph with Graphviz (WASM). Nothing here talks to the network.
 */
import { instance } from '@viz-js/viz';
import { analyze } from '../pipeline.js';
import { allegationDot, dotString } from '../report/dot.js';
import { renderHtml } from '../report/html.js';
import type { Analysis, InputFormat } from '../model/types.js';
import type { CitationCount } from '../store/store.js';

export type WorkerRequest =
  | { id: number; kind: 'analyze'; input: string; format?: InputFormat; name?: string }
  | { id: number; kind: 'graph'; analysis: Pick<Analysis, 'entities' | 'relations' | 'claims' | 'sources'> }
  | { id: number; kind: 'citations'; edges: CitationCount[] }
  | { id: number; kind: 'report'; analysis: Analysis };

export type WorkerResponse =
  | { id: number; ok: true; analysis?: Analysis; graphSvg: string | null; report?: string; ms: number }
  | { id: number; ok: false; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = globalThis as unknown as WorkerScope;

let viz: ReturnType<typeof instance> | undefined;

async function render(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg' });
}

/** The allegation graph's SVG; null without relations or when Graphviz cannot run (the page says so). */
async function graphSvg(analysis: Pick<Analysis, 'entities' | 'relations' | 'claims' | 'sources'>): Promise<string | null> {
  if (analysis.relations.length === 0) return null;
  try {
    return await render(allegationDot(analysis, { ids: true, merge: true }));
  } catch {
    return null;
  }
}

/** Who cites whom: outlets (boxes) to what they cite (outlets, or ellipses for other sources). */
export function citationsDot(edges: readonly CitationCount[]): string {
  const ids = new Map<string, string>();
  const node = (name: string) => {
    let id = ids.get(name);
    if (!id) ids.set(name, (id = `n${ids.size}`));
    return id;
  };
  const lines = ['digraph citations {', '  graph [rankdir=LR, fontname="Helvetica", bgcolor="transparent"];', '  node [fontname="Helvetica", fontsize=11, shape=box, style="rounded"];', '  edge [fontname="Helvetica", fontsize=9];'];
  const anonymous = new Set(edges.filter((e) => e.kind === 'anonymous').map((e) => e.to));
  for (const e of edges) lines.push(`  ${node(e.from)} -> ${node(e.to)} [label=${dotString(String(e.count))}, penwidth=${Math.min(4, 1 + Math.log2(e.count))}];`);
  for (const [name, id] of ids) lines.push(`  ${id} [label=${dotString(name, 40)}${anonymous.has(name) ? ', shape=ellipse, color="#c0392b", fontcolor="#c0392b"' : ''}];`);
  lines.push('}');
  return lines.join('\n');
}

scope.onmessage = (event) => {
  const request = event.data;
  const started = performance.now();
  void (async () => {
    try {
      if (request.kind === 'analyze') {
        const analysis = analyze(request.input, { ...(request.format ? { format: request.format } : {}), ...(request.name ? { name: request.name } : {}) });
        scope.postMessage({ id: request.id, ok: true, analysis, graphSvg: await graphSvg(analysis), ms: performance.now() - started });
      } else if (request.kind === 'graph') {
        scope.postMessage({ id: request.id, ok: true, graphSvg: await graphSvg(request.analysis), ms: performance.now() - started });
      } else if (request.kind === 'report') {
        scope.postMessage({ id: request.id, ok: true, graphSvg: null, report: await renderHtml(request.analysis), ms: performance.now() - started });
      } else {
        scope.postMessage({ id: request.id, ok: true, graphSvg: await render(citationsDot(request.edges)), ms: performance.now() - started });
      }
    } catch (e) {
      scope.postMessage({ id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  })();
};
