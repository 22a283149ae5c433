/**
 * The terminal view: the sourcing profile first, then every claim with its chain drawn as a path.
 * Pure: returns a string; the CLI decides whether colours are on (TTY and no NO_COLOR).
 */
import type { Analysis, Relation } from '../model/types.js';
import { chainLabel, sourceLabel } from './labels.js';
import { formatCheckworthiness } from '../rank/order.js';

export interface TerminalOptions {
  color: boolean;
  /** Wrap width in columns. */
  width?: number;
}

const codes = { bold: [1, 22], dim: [2, 22], cyan: [36, 39], yellow: [33, 39], magenta: [35, 39], green: [32, 39], red: [31, 39], blue: [34, 39] } as const;
type Style = keyof typeof codes;

/** Terminal control characters in article text must not reach the terminal. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** A PTC label as a reader would say it: `Name_Calling,Labeling` → "name calling / labeling". */
export function techniqueName(label: string): string {
  return label.replace(/_/g, ' ').replace(/,/g, ' / ').toLowerCase();
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function renderTerminal(analysis: Analysis, options: TerminalOptions): string {
  const paint = (style: Style, s: string): string => (options.color ? `\u001b[${codes[style][0]}m${s}\u001b[${codes[style][1]}m` : s);
  const width = Math.max(40, Math.min(options.width ?? 100, 160));
  const { document: doc, profile, sources, claims } = analysis;
  const out: string[] = [];

  const heading = [doc.outlet, doc.title ? `“${clean(doc.title)}”` : null].filter(Boolean).join(' — ');
  if (heading) out.push(paint('bold', clean(heading)));
  const sub = [doc.byline ? `by ${clean(doc.byline)}` : null, doc.place, doc.published].filter(Boolean).join(' · ');
  if (sub) out.push(paint('dim', sub));
  if (out.length) out.push('');

  out.push(paint('bold', `Sourcing profile — ${profile.claims} claim${profile.claims === 1 ? '' : 's'}`));
  const max = Math.max(1, profile.claims);
  const bar = (n: number) => '█'.repeat(Math.round((n / max) * 30));
  const row = (label: string, n: number, style: Style) => `  ${label.padEnd(32)}${String(n).padStart(4)}  ${paint(style, bar(n))}`;
  out.push(row("the outlet's own voice", profile.ownVoice, 'cyan'));
  out.push(row('named sources', profile.named, 'green'));
  out.push(row('anonymous sources', profile.anonymous, 'red'));
  out.push(row('other unnamed sources', profile.unnamedOther, 'yellow'));
  out.push(row('hedged', profile.hedged, 'magenta'));
  if (profile.longestChain.length > 1) out.push(`  longest chain: ${clean(chainLabel(profile.longestChain, sources))}`);
  const techniqueById = new Map((analysis.techniques ?? []).map((t) => [t.id, t]));
  if (techniqueById.size) out.push(`  ${'propaganda techniques'.padEnd(32)}${String(techniqueById.size).padStart(4)}  ${paint('dim', '(shown in [brackets] under the claims)')}`);
  out.push('');

  const entityName = new Map((analysis.entities ?? []).map((e) => [e.id, e.name]));
  const relationsOf = new Map<string, Relation[]>();
  for (const r of analysis.relations ?? []) relationsOf.set(r.claim, [...(relationsOf.get(r.claim) ?? []), r]);
  out.push(paint('bold', 'Claims'));
  claims.forEach((c, i) => {
    const tag = [c.headline ? 'headline' : null, c.continued ? 'continued' : null].filter(Boolean).map((t) => `[${t}]`).join(' ');
    const num = `${String(i + 1).padStart(3)}. `;
    out.push(wrap(`${tag ? tag + ' ' : ''}${clean(c.text)}`, width, '     ').replace(/^ {5}/, num));
    const chain = `     ⤷ ${clean(chainLabel(c.chain, sources))}`;
    const score = `check-worthiness ${formatCheckworthiness(c.checkworthiness)}`;
    // The score beside the chain it rests on, or under it when the line would not fit.
    const painted = `     ${paint('cyan', '⤷')} ${clean(chainLabel(c.chain, sources))}`;
    if (chain.length + 2 + score.length <= width) out.push(`${painted}  ${paint('dim', score)}`);
    else out.push(painted, `       ${paint('dim', score)}`);
    if (c.hedges.length) out.push(`     ${paint('magenta', 'hedged:')} ${c.hedges.map((h) => clean(h.text)).join(', ')}`);
    // The allegations the claim makes, each resting on the chain just above.
    for (const r of relationsOf.get(c.id) ?? []) {
      const edge = `${entityName.get(r.subject) ?? r.subject} —${r.negated ? 'not ' : ''}${r.predicate}→ ${entityName.get(r.object) ?? r.object}`;
      const modality = [r.hedged ? 'hedged' : null, r.modality !== 'asserted' ? r.modality : null].filter(Boolean).join(', ');
      out.push(wrap(`${paint('blue', 'alleges:')} ${clean(edge)}${modality ? paint('dim', ` (${modality})`) : ''}`, width, '     '));
    }
    for (const id of c.techniques) {
      const t = techniqueById.get(id);
      if (t) out.push(wrap(`[${clean(shorten(t.text, 90))}] ${paint('yellow', techniqueName(t.technique))}`, width, '     '));
    }
  });
  if (claims.length === 0) out.push('  (no claims found)');

  const speakers = sources.filter((s) => s.kind !== 'outlet');
  if (speakers.length) {
    out.push('');
    out.push(paint('bold', 'Sources'));
    for (const s of speakers) {
      const extra = [s.named ? 'named' : 'unnamed', s.descriptors.length ? s.descriptors.join(', ') : null, `${s.mentions.length} mention${s.mentions.length === 1 ? '' : 's'}`].filter(Boolean).join('; ');
      out.push(`  ${clean(sourceLabel(s))} ${paint('dim', `(${extra})`)}`);
    }
  }
  return out.join('\n') + '\n';
}
