/**
 * Graphviz (compiled to WebAssembly, `@viz-js/viz`) lays graphs out as SVG; this module re-emits that SVG
 * through an allow-list. Graphviz escapes labels itself, but the report does not rely on it: only shapes,
 * text and a fixed set of attributes with well-formed values survive, and all text is escaped again here.
 */
import { instance, type Viz } from '@viz-js/viz';
import { escapeAttr, escapeText } from './html/escape.js';

let vizPromise: Promise<Viz> | undefined;

/** Renders DOT to SVG text with Graphviz's `dot` layout. Throws when Graphviz reports an error. */
export async function layoutSvg(dot: string): Promise<string> {
  vizPromise ??= instance();
  const viz = await vizPromise;
  const result = viz.render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') throw new Error(`graphviz: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.output;
}

const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/i;
const NUMBERS = /^[-\d.,eE\s]+$/;
const PATH = /^[MCLHVQSTAZmclhvqstaz\d\s.,eE-]+$/;
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20}|none|transparent)$/;
const WORDS = /^[\w][\w -]{0,200}$/;
const TRANSFORM = /^[a-z]+\([-\d.\s,]+\)( [a-z]+\([-\d.\s,]+\))*$/;
const FONT = /^[\w ,-]{1,60}$/;
const OPACITY = /^(0|1|0?\.\d+)$/;
const PAINT = { fill: COLOR, stroke: COLOR, 'fill-opacity': OPACITY, 'stroke-opacity': OPACITY, 'stroke-width': NUMBER, 'stroke-dasharray': NUMBERS };

/** Allowed elements and, for each, its allowed attributes with the shape their values must have. */
const ALLOWED: Record<string, Record<string, RegExp>> = {
  svg: { viewBox: NUMBERS },
  g: { id: WORDS, class: WORDS, transform: TRANSFORM },
  polygon: { ...PAINT, points: NUMBERS },
  polyline: { ...PAINT, points: NUMBERS },
  ellipse: { ...PAINT, cx: NUMBER, cy: NUMBER, rx: NUMBER, ry: NUMBER },
  path: { ...PAINT, d: PATH },
  text: { 'text-anchor': /^(start|middle|end)$/, x: NUMBER, y: NUMBER, 'font-family': FONT, 'font-size': NUMBER, 'font-weight': /^(bold|normal|\d{3})$/, 'font-style': /^(italic|normal)$/, fill: COLOR, 'fill-opacity': OPACITY },
};
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the XML character references Graphviz writes; an unknown reference stays as literal text. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

export interface SanitizeOptions {
  /** Extra attributes for a `<g>` by its (decoded) id: accessibility and hooks for the report's script. */
  decorate?: (id: string) => Record<string, string> | undefined;
  /** Accessible name of the whole picture. */
  label: string;
}

/**
 * Re-emits Graphviz SVG with only allowed elements and attributes. The input is tokenised as Graphviz
 * writes it (double-quoted attributes, `<` and `>` escaped in text and values); anything else is dropped.
 */
export function sanitizeSvg(svg: string, options: SanitizeOptions): string {
  const out: string[] = [];
  const open: string[] = [];
  let dropDepth = 0;
  let width = 0;
  let height = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*"[^"<>]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<![^>]*>|<\?[\s\S]*?\?>/g;
  let last = 0;
  const text = (s: string): void => {
    if (dropDepth === 0 && open.length > 0 && open[open.length - 1] === 'text') out.push(escapeText(decodeXml(s)));
  };
  for (let m = tag.exec(svg); m !== null; m = tag.exec(svg)) {
    text(svg.slice(last, m.index));
    last = tag.lastIndex;
    const name = m[2];
    if (name === undefined) continue; // comment, doctype or processing instruction
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (closing) {
      if (dropDepth > 0) {
        dropDepth--;
        continue;
      }
      const i = open.lastIndexOf(name);
      if (i < 0) continue;
      while (open.length > i) out.push(`</${open.pop()!}>`);
      continue;
    }
    const allowed = ALLOWED[name];
    if (dropDepth > 0 || !allowed) {
      // Anything not allowed goes with all it holds (titles, scripts, links, foreign objects).
      if (!selfClosing) dropDepth++;
      continue;
    }
    const attrs: Array<[string, string]> = [];
    for (const a of (m[3] ?? '').matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
      const key = a[1]!;
      const value = decodeXml(a[2]!);
      if (name === 'svg' && key === 'width') width = parseFloat(value);
      if (name === 'svg' && key === 'height') height = parseFloat(value);
      const shape = allowed[key];
      if (shape && shape.test(value)) attrs.push([key, value]);
    }
    if (name === 'svg') {
      // Graphviz sizes in points; the report scales the picture with CSS from its natural size in pixels.
      if (width > 0) attrs.push(['width', String(Math.round((width * 4) / 3))]);
      if (height > 0) attrs.push(['height', String(Math.round((height * 4) / 3))]);
      attrs.push(['xmlns', 'http://www.w3.org/2000/svg'], ['role', 'img'], ['aria-label', options.label]);
    }
    if (name === 'g') {
      const id = attrs.find(([k]) => k === 'id')?.[1];
      const extra = id === undefined ? undefined : options.decorate?.(id);
      if (extra) for (const [k, v] of Object.entries(extra)) attrs.push([k, v]);
    }
    out.push(`<${name}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}${selfClosing ? '/>' : '>'}`);
    if (!selfClosing) open.push(name);
  }
  while (open.length > 0) out.push(`</${open.pop()!}>`);
  return out.join('');
}
