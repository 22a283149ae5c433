/**
 * Plain-text articles: the text is kept verbatim; this stage only finds the header furniture a reader
 * skips (headline, "by NAME" byline, page junk copied along with the article) and the dateline
 * `Islamabad (The Uttam Hindu):`, which names the place and the publishing outlet.
 */
import type { ArticleMeta, ExtractedArticle, Region } from '../model/types.js';

interface Line {
  start: number;
  end: number;
  /** Text without surrounding whitespace. */
  value: string;
  /** Offset of `value` within the document. */
  valueStart: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    lines.push({ start, end, value, valueStart: start + lead });
    start = end + 1;
  }
  return lines;
}

const BYLINE = /^by\s+([\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|and|de|van|von|bin|al|la|le))*)/iu;
const TERMINAL = /[.!?:;"”’)\]…]$/u;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A dateline opens the first body paragraph: `PLACE (OUTLET):`, `PLACE, Oct. 3 (Reuters) -`, `PLACE —`.
 * Group 1 is the place, group 2 the parenthesised outlet (or a date, which is ignored).
 */
const DATELINE =
  /^([\p{Lu}][\p{L}.'’-]*(?:[ -][\p{Lu}][\p{L}.'’-]*){0,3})(?:,\s*[\p{L}\d .,'’-]{1,40}?)?\s*(?:\(([^()\n]{2,60})\)\s*)?(?::|-|–|—)\s+/u;
/** A dateline is short: the pattern reads no further into the paragraph than this. */
const DATELINE_REACH = 200;
const DATE_LIKE = /\d|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

function wordCount(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

function looksLikeHeadline(line: string): boolean {
  const words = wordCount(line);
  return words > 0 && words <= 30 && line.length <= 250 && !/[.]$/.test(line.replace(/\.\.\.$/, ''));
}

/** Short lines without sentence punctuation ("X", "Next Story", "Share"): page furniture. */
function looksLikeFurniture(line: string): boolean {
  return wordCount(line) <= 3 && !TERMINAL.test(line);
}

/**
 * A wire or newsroom credit line closing the article: "(Reporting by Anna Smith; Editing by John Doe)",
 * "Additional reporting by …", "Associated Press writer Jo Lee contributed to this report." Furniture.
 */
export function looksLikeCredit(line: string): boolean {
  return (
    /^[([]?\s*(additional\s+)?(reporting|writing|editing|edited|compiled|compiling|research|translation|translated)\s+by\b/i.test(line) ||
    (wordCount(line) <= 30 && /\bcontributed( reporting)?( to)?( this)? (report|story|article)(ing)?[.)\]]*$/i.test(line))
  );
}

export function extractText(text: string): ExtractedArticle {
  const lines = splitLines(text);
  const regions: Region[] = [];
  const meta: ArticleMeta = {
    title: null,
    outlet: null,
    byline: null,
    published: null,
    place: null,
    format: 'text',
  };

  const nonEmpty = lines.filter((l) => l.value !== '');
  let bodyIndex = 0;
  const first = nonEmpty[0];
  const second = nonEmpty[1];
  // A headline is a short first line standing alone: a blank line or a byline follows it.
  if (first && second && looksLikeHeadline(first.value)) {
    const lineIdx = lines.indexOf(first);
    const next = lines[lineIdx + 1];
    if ((next && next.value === '') || BYLINE.test(second.value)) {
      meta.title = first.value;
      regions.push({ kind: 'headline', start: first.valueStart, end: first.valueStart + first.value.length });
      bodyIndex = 1;
    }
  }

  // Header: byline and furniture lines until the first real paragraph (at most a handful of lines).
  const headerLimit = Math.min(nonEmpty.length, bodyIndex + 6);
  for (let i = bodyIndex; i < headerLimit; i++) {
    const line = nonEmpty[i]!;
    const span = { start: line.valueStart, end: line.valueStart + line.value.length };
    const by = BYLINE.exec(line.value);
    if (by && meta.byline === null && wordCount(line.value) <= 12) {
      meta.byline = by[1]!.trim();
      regions.push({ kind: 'byline', ...span });
      bodyIndex = i + 1;
    } else if (meta.title !== null && (line.value === meta.title || looksLikeFurniture(line.value))) {
      regions.push({ kind: 'furniture', ...span });
      bodyIndex = i + 1;
    } else {
      break;
    }
  }

  const firstBody = nonEmpty[bodyIndex];
  if (firstBody) {
    const m = DATELINE.exec(firstBody.value.slice(0, DATELINE_REACH));
    // Without a parenthesised outlet, only a short place and a spaced dash count ("WASHINGTON —",
    // "Geneva - "), so that ordinary sentences with a colon are not taken for datelines.
    const place = m?.[1];
    const paren = m?.[2]?.trim();
    const isDateline =
      m !== null &&
      place !== undefined &&
      wordCount(m[0]) <= 10 &&
      (paren !== undefined || (/\s[-–—]\s+$/.test(m[0]) && (place === place.toUpperCase() || wordCount(place) <= 3)));
    if (m && isDateline && place) {
      const prefix = m[0].trimEnd();
      regions.push({ kind: 'dateline', start: firstBody.valueStart, end: firstBody.valueStart + prefix.length });
      meta.place = place === place.toUpperCase() ? titleCase(place) : place;
      if (paren && !DATE_LIKE.test(paren)) meta.outlet = paren;
    }
  }

  // Trailing furniture: short unpunctuated lines after the last paragraph ("Next Story", "Advertisement"),
  // and credit lines ("(Reporting by …; Editing by …)").
  let lastBody = nonEmpty.length - 1;
  const trailing: Region[] = [];
  while (lastBody > bodyIndex && (looksLikeFurniture(nonEmpty[lastBody]!.value) || looksLikeCredit(nonEmpty[lastBody]!.value))) {
    const line = nonEmpty[lastBody]!;
    trailing.push({ kind: 'furniture', start: line.valueStart, end: line.valueStart + line.value.length });
    lastBody--;
  }
  trailing.reverse();

  const bodyStartLine = nonEmpty[bodyIndex];
  const bodyEndLine = nonEmpty[lastBody];
  if (bodyStartLine && bodyEndLine && lastBody >= bodyIndex) {
    regions.push({
      kind: 'body',
      start: bodyStartLine.valueStart,
      end: bodyEndLine.valueStart + bodyEndLine.value.length,
    });
  }
  regions.push(...trailing);
  regions.sort((a, b) => a.start - b.start);
  return { text, meta, regions };
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
