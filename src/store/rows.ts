/**
 * What both stores make of their rows the same way: the packed claim features read back into a ClaimTable,
 * a cluster member's chain from its document's sources, and the citation counts along the chains.
 */
import { BANDS, type ClaimTable } from '../corpus/cluster.js';
import { hashString } from '../corpus/features.js';
import { outletKey, type ChainLink } from '../corpus/origins.js';
import { inflateRawSync } from 'node:zlib';
import type { Analysis, SourceKind } from '../model/types.js';
import type { AnalyzeText, CitationCount } from './store.js';

/** One `claim_features` row: its document, the document's outlet and the packed bytes (migration 3). */
export interface PackedRow {
  doc: number;
  outlet: string;
  packed: Uint8Array;
}

/** The packed bytes as words, checked: a claim running past the row is corruption, named with its document. */
export function packedWords(doc: number, packed: Uint8Array): Uint32Array {
  if (packed.byteLength % 4 !== 0) throw new Error(`corrupt claim features for document ${doc}: ${packed.byteLength} bytes`);
  // Copied out of the driver's buffer, so the words are aligned for a Uint32Array.
  const words = new Uint32Array(Uint8Array.from(packed).buffer);
  for (let p = 0; p < words.length; p += 2 + words[p + 1]! + BANDS) {
    if (p + 1 >= words.length || p + 2 + words[p + 1]! + BANDS > words.length) throw new Error(`corrupt claim features for document ${doc}: a claim runs past the row`);
  }
  return words;
}

/** Each claim of checked packed words: its id, and where its shingles start and end (its bands follow). */
export function* packedClaims(words: Uint32Array): Generator<{ id: number; from: number; to: number }> {
  for (let p = 0; p < words.length; p += 2 + words[p + 1]! + BANDS) yield { id: words[p]!, from: p + 2, to: p + 2 + words[p + 1]! };
}

/** The claims of these rows (only those ids, when given) as a ClaimTable, sized by a first pass. */
export function selectClaims(rows: readonly PackedRow[], only?: ReadonlySet<number>): ClaimTable {
  let claims = 0;
  let words = 0;
  for (const r of rows) {
    for (const c of packedClaims(packedWords(r.doc, r.packed))) {
      if (only && !only.has(c.id)) continue;
      claims++;
      words += 2 + c.to - c.from + BANDS;
    }
  }
  return unpackClaimTable(rows, claims, 4 * words, only);
}

/**
 * Unpacks claim features into a ClaimTable, sized from the totals (claims and bytes) taken before the rows
 * were read: rows a concurrent writer added since are left for the next clustering. With `only`, just those
 * claim ids are kept.
 */
export function unpackClaimTable(rows: Iterable<PackedRow>, claims: number, bytes: number, only?: ReadonlySet<number>): ClaimTable {
  const n = claims;
  const t = {
    ids: new Float64Array(n),
    docs: new Float64Array(n),
    offsets: new Uint32Array(n + 1),
    shingles: new Uint32Array(Math.max(0, bytes / 4 - n * (2 + BANDS))),
    bands: new Uint32Array(n * BANDS),
    outlets: new Float64Array(n),
  };
  let k = 0;
  let at = 0;
  read: for (const { doc, outlet, packed } of rows) {
    const words = packedWords(doc, packed);
    // The outlet as a number equal for one outlet however its name is written, in every table read.
    const outletId = hashString(outletKey(outlet));
    for (const { id, from, to } of packedClaims(words)) {
      if (only && !only.has(id)) continue;
      if (k >= n || at + to - from > t.shingles.length) break read;
      t.ids[k] = id;
      t.docs[k] = doc;
      t.outlets[k] = outletId;
      t.offsets[k] = at;
      t.shingles.set(words.subarray(from, to), at);
      at += to - from;
      t.bands.set(words.subarray(to, to + BANDS), k * BANDS);
      k++;
    }
  }
  t.offsets[k] = at;
  if (k === n) return t;
  return {
    ids: t.ids.subarray(0, k),
    docs: t.docs.subarray(0, k),
    offsets: t.offsets.subarray(0, k + 1),
    shingles: t.shingles.subarray(0, at),
    bands: t.bands.subarray(0, k * BANDS),
    outlets: t.outlets.subarray(0, k),
  };
}

/** A document's sources as chain links, by source id. */
export function chainLinks(sources: Iterable<{ sid: string; name: string; kind: string; named: boolean | number; outlet: string | null }>): Map<string, ChainLink> {
  const m = new Map<string, ChainLink>();
  for (const s of sources) m.set(s.sid, { name: s.name, kind: s.kind as SourceKind, named: s.named === true || s.named === 1, outlet: s.outlet });
  return m;
}

/** A claim's stored chain (JSON source ids) as links; a source id its document lacks stays visible. */
export function chainOf(json: string, links: ReadonlyMap<string, ChainLink>): ChainLink[] {
  return (JSON.parse(json) as string[]).map((sid) => links.get(sid) ?? { name: sid, kind: 'unknown' as const, named: false, outlet: null });
}

/** Counts each claim's chain link by link: the outlet (or source) citing the next source. */
export class CitationCounter {
  private readonly counts = new Map<string, CitationCount>();

  add(outlet: string, chainJson: string, names: ReadonlyMap<string, { name: string; kind: string }>): void {
    const chain = JSON.parse(chainJson) as string[];
    for (let i = 1; i < chain.length; i++) {
      const from = i === 1 ? outlet : (names.get(chain[i - 1]!)?.name ?? chain[i - 1]!);
      const to = names.get(chain[i]!);
      if (!to) continue;
      const key = `${from}\u0000${to.name}`;
      const c = this.counts.get(key) ?? { from, to: to.name, kind: to.kind, count: 0 };
      c.count++;
      this.counts.set(key, c);
    }
  }

  result(): CitationCount[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }
}

/** A stored document's analysis: its deflated JSON with the text put back, or plain text analysed again. */
export async function storedAnalysis(row: { text: string; analysis: Uint8Array; path: string; outletFrom: string; outlet: string }, analyzeText?: AnalyzeText): Promise<Analysis> {
  const { text, analysis, path, outletFrom, outlet } = row;
  if (analysis.length === 0) {
    // Plain text, stored verbatim: analysed again as the ingest did (the pipeline loaded only when needed).
    const options = { name: path, ...(outletFrom === 'input' ? { outlet } : {}) };
    if (analyzeText) return analyzeText(text, options);
    const { analyze } = await import('../pipeline.js');
    return analyze(text, { format: 'text', ...options });
  }
  // Stored without its text (kept once, in `documents.text`): put it back.
  const stored = JSON.parse(inflateRawSync(analysis).toString('utf8')) as Analysis;
  return { ...stored, document: { ...stored.document, text } };
}
