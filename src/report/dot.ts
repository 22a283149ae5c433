/**
 * Graphviz DOT for the allegation graph (actors and what the article alleges between them) and the
 * sourcing graph (the chains). Every label comes from the article and is escaped for a DOT quoted
 * string; identifiers are generated (`n0`, `e3`), never taken from the text.
 */
import type { Analysis, EntityType } from '../model/types.js';
import { allegationGraph, BASIS_COLOR, BASIS_LABEL, chainGraph, edgeLabel, ENTITY_TYPE_LABEL, type Basis, type GraphOptions } from './graph.js';
import { sourceLabel } from './labels.js';

/**
 * A DOT quoted string holding `text` as Graphviz will display it. Backslashes and quotes are escaped
 * (a backslash would otherwise start `\N`, `\G`, `\l`… escapes), `&` is written as `&amp;` because
 * Graphviz reads entities in labels, and control, bidi and line-break characters become spaces.
 */
export function dotString(text: string, max = 60): string {
  return `"${dotText(text, max)}"`;
}

/** Several lines in one DOT quoted string, each escaped as by `dotString`, joined by Graphviz's `\n`. */
export function dotLines(lines: readonly string[], max = 60): string {
  return `"${lines.map((l) => dotText(l, max)).join('\\n')}"`;
}

/** Splits a label into lines of about `width` characters at spaces, so long names make tall boxes, not wide ones. */
export function wrapLabel(text: string, width = 22): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  // At most four lines; a cut is shown, never silent.
  return lines.length > 4 ? [...lines.slice(0, 3), `${lines[3]}…`] : lines;
}

function dotText(text: string, max: number): string {
  let t = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  if ([...t].length > max) t = [...t].slice(0, max - 1).join('').trimEnd() + '…';
  return t.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
}

const NODE_STYLE: Record<EntityType, string> = {
  state: 'shape=box, style="rounded,filled", fillcolor="#dbe7f3", color="#3b5b7f"',
  organization: 'shape=box, style="filled", fillcolor="#ebe3f5", color="#5e4a86"',
  armed_group: 'shape=octagon, style="filled", fillcolor="#f7dcd7", color="#9b2f22"',
  person: 'shape=ellipse, style="filled", fillcolor="#fbefcf", color="#8a6a12"',
  place: 'shape=house, style="filled", fillcolor="#dcefdc", color="#3d7040"',
  other: 'shape=ellipse, style="filled", fillcolor="#eeeeee", color="#666666"',
};

export interface DotOptions extends GraphOptions {
  /**
   * Add `id` and `class` attributes that the HTML report uses to find nodes and edges in the SVG, and leave
   * out tooltips (Graphviz wraps those in links, which the report's SVG allow-list drops).
   */
  ids?: boolean;
}

const HEADER = [
  'graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.7, pad=0.2, bgcolor="transparent"];',
  'node [fontname="Helvetica", fontsize=13, margin="0.12,0.06", penwidth=1.2];',
  'edge [fontname="Helvetica", fontsize=11, penwidth=1.6, arrowsize=0.8];',
];

const attrs = (list: Array<string | false | undefined>): string => `[${list.filter(Boolean).join(', ')}]`;

/** The allegation graph: entity nodes shaped and coloured by type, relation edges styled by what they rest on. */
export function allegationDot(analysis: Pick<Analysis, 'entities' | 'relations' | 'claims' | 'sources'>, options: DotOptions = {}): string {
  const g = allegationGraph(analysis, options);
  const lines = ['digraph allegations {', ...HEADER.map((l) => '  ' + l)];
  if (g.nodes.length === 0) lines.push('  // no relations between actors were found');
  for (const n of g.nodes) {
    const e = n.entity;
    const label = dotLines([...wrapLabel(e.name), ...(e.role ? wrapLabel(e.role) : [])], 40);
    // The type is a fixed set, but an analysis read back from JSON could hold anything: only known names reach the DOT.
    const type = Object.hasOwn(NODE_STYLE, e.type) ? e.type : 'other';
    lines.push(`  ${n.key} ${attrs([`label=${label}`, NODE_STYLE[type], options.ids && `id="node-${n.key}", class="type-${type}"`, !options.ids && `tooltip=${dotString(`${e.name} (${ENTITY_TYPE_LABEL[e.type] ?? e.type})`)}`])};`);
  }
  for (const p of g.partOf) {
    lines.push(`  ${p.tail} -> ${p.head} ${attrs(['style=dotted', 'color="#888888"', 'arrowhead=empty', 'penwidth=1.2', !options.ids && 'tooltip="part of"', options.ids && 'class="part-of"'])};`);
  }
  for (const e of g.edges) {
    const r = e.relation;
    const label = edgeLabel(e);
    const color = BASIS_COLOR[e.basis];
    lines.push(
      `  ${e.tail} -> ${e.head} ${attrs([
        `label=${dotString(label)}`,
        `color="${color}"`,
        `fontcolor="${color}"`,
        r.hedged || r.modality !== 'asserted' ? 'style=dashed' : undefined,
        r.negated ? 'arrowhead=tee' : undefined,
        e.basis === 'anonymous' ? 'penwidth=2.2' : undefined,
        !options.ids && `tooltip=${dotString(`${label} — rests on ${BASIS_LABEL[e.basis]}${r.hedged ? ', hedged' : ''}`)}`,
        options.ids && `id="edge-${e.key}", class="basis-${e.basis}${r.hedged ? ' hedged' : ''}${r.negated ? ' negated' : ''}"`,
      ])};`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The sourcing graph: the outlet, the reports and people it relies on, and who they rely on, with claim counts. */
export function chainsDot(analysis: Pick<Analysis, 'claims' | 'sources'>, options: DotOptions = {}): string {
  const g = chainGraph(analysis);
  const lines = ['digraph chains {', ...HEADER.map((l) => '  ' + l)];
  const shape = (basis: Basis, kind: string): string =>
    kind === 'outlet' ? 'shape=box, style="rounded,filled,bold"' : basis === 'anonymous' ? 'shape=box, style="rounded,filled,dashed"' : 'shape=box, style="rounded,filled"';
  for (const n of g.nodes) {
    const own = n.source.kind === 'outlet' && g.ownVoice > 0 ? [`${g.ownVoice} claim${g.ownVoice === 1 ? '' : 's'} in its own voice`] : [];
    const color = BASIS_COLOR[n.basis];
    lines.push(
      `  ${n.key} ${attrs([
        `label=${dotLines([...wrapLabel(sourceLabel(n.source), 30), ...own], 70)}`,
        shape(n.basis, n.source.kind),
        `color="${color}"`,
        `fillcolor="${color}18"`,
        options.ids && `id="node-${n.key}", class="basis-${n.basis}"`,
      ])};`,
    );
  }
  for (const e of g.edges) {
    const head = g.nodes.find((n) => n.key === e.head)!;
    const color = BASIS_COLOR[head.basis];
    const label = `${e.claims} claim${e.claims === 1 ? '' : 's'}${e.hedged ? `, ${e.hedged} hedged` : ''}`;
    lines.push(`  ${e.tail} -> ${e.head} ${attrs([`label=${dotString(label)}`, `color="${color}"`, `fontcolor="${color}"`, `penwidth=${Math.min(5, 1.2 + e.claims * 0.4).toFixed(1)}`, options.ids && `class="basis-${head.basis}"`])};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
