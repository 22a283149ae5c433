/**
 * BRAT standoff annotations (PolNeAR's format). BRAT counts Unicode code points; JavaScript strings count
 * UTF-16 code units, so offsets are converted through a map built once per text.
 */
import type { Span } from '../model/types.js';

/** Maps code-point offsets of `text` to UTF-16 offsets. */
export function codePointToUtf16(text: string): (codePoint: number) => number {
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => (cp >= 0 && cp < map.length ? map[cp]! : unit);
}

export interface BratSpan {
  id: string;
  type: string;
  /** Fragments in UTF-16 offsets (a discontinuous span has several). */
  fragments: Span[];
  /** From the first fragment's start to the last fragment's end. */
  extent: Span;
}

export interface BratRelation {
  id: string;
  type: string;
  /** Role → span id, e.g. { Source: 'T1', Cue: 'T2', Content: 'T3' }. */
  args: Record<string, string>;
}

export interface BratDocument {
  spans: Map<string, BratSpan>;
  relations: BratRelation[];
}

/** Parses a .ann file for the given text. Malformed lines are skipped, not fatal. */
export function parseBrat(ann: string, text: string): BratDocument {
  const toUtf16 = codePointToUtf16(text);
  const spans = new Map<string, BratSpan>();
  const relations: BratRelation[] = [];
  for (const line of ann.split(/\r?\n/)) {
    const [id, info] = line.split('\t');
    if (!id || !info) continue;
    if (id.startsWith('T')) {
      const space = info.indexOf(' ');
      if (space < 0) continue;
      const type = info.slice(0, space);
      const fragments: Span[] = [];
      for (const part of info.slice(space + 1).split(';')) {
        const [a, b] = part.trim().split(/\s+/).map(Number);
        if (Number.isInteger(a) && Number.isInteger(b)) fragments.push({ start: toUtf16(a!), end: toUtf16(b!) });
      }
      if (fragments.length === 0) continue;
      spans.set(id, { id, type, fragments, extent: { start: fragments[0]!.start, end: fragments[fragments.length - 1]!.end } });
    } else if (id.startsWith('E') || id.startsWith('R')) {
      const [head, ...rest] = info.trim().split(/\s+/);
      const type = (head ?? '').split(':')[0]!;
      const args: Record<string, string> = {};
      for (const arg of rest) {
        const [role, ref] = arg.split(':');
        if (role && ref) args[role.replace(/\d+$/, '')] = ref;
      }
      relations.push({ id, type, args });
    }
  }
  return { spans, relations };
}

/**
 * Article name → its first annotator's file, sorted by name. PolNeAR names annotation files
 * `NAME_ANNOTATOR.ann`; an article annotated twice has two, and claimtrace uses the first by file name.
 */
export function firstAnnotations(files: readonly string[]): Array<[name: string, file: string]> {
  const first = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.ann')).sort()) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!first.has(name)) first.set(name, file);
  }
  return [...first].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
