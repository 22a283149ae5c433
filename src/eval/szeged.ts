/**
 * The Szeged uncertainty corpus format (BioScope-style XML; WikiWeasel 2.0 is in it): `<Document>`s
 * holding `<Sentence>`s whose text has uncertainty cues marked `<ccue type="…">…</ccue>`. Stripping the
 * tags gives the sentence text; cue offsets are UTF-16 offsets into that text. Pure: a small scanner,
 * no XML library, so it also runs in a browser.
 */
import type { Span } from '../model/types.js';

export interface SzegedSentence {
  /** The `id` attribute (e.g. "S1.2"; ids repeat across documents). */
  id: string;
  /** Index of the enclosing `<Document>` in the file, from 0 (-1 outside any document). */
  document: number;
  /** The enclosing document's `<DocID>` text, or '' when it has none. */
  docId: string;
  /** The sentence with every tag stripped and entities decoded. */
  text: string;
  /**
   * Cue spans (UTF-16, end exclusive), in document order. Only outermost `ccue` elements count; a
   * discontinuous cue (several `ccue` elements) gives one span per element; spans are trimmed of
   * surrounding whitespace, and cues with no text are dropped.
   */
  cues: Span[];
  /** Each cue's `type`, parallel to `cues`, with the padding the corpus leaves on it removed ("speculation_hypo_doxastic"). */
  types: string[];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Markup that is not an element tag (comments, CDATA, declarations, processing instructions) or a tag. */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

const normType = (t: string): string => t.replace(/[\s_]+$/, '').trim();

/** Parses a Szeged-format XML string into its sentences. Malformed markup is skipped, not fatal. */
export function parseSzeged(xml: string): SzegedSentence[] {
  const out: SzegedSentence[] = [];
  let document = -1;
  let docId = '';
  let inDocId = false;
  let sentence: { id: string; parts: string[]; length: number; cues: Span[]; types: string[] } | null = null;
  let depth = 0; // ccue nesting depth inside the current sentence
  let cueStart = 0;
  let cueType = '';

  const text = (raw: string, decode: boolean) => {
    const value = decode ? decodeEntities(raw) : raw;
    if (sentence) {
      sentence.parts.push(value);
      sentence.length += value.length;
    } else if (inDocId) docId += value;
  };
  const closeCue = () => {
    if (!sentence) return;
    const full = sentence.parts.join('');
    sentence.parts = [full];
    let start = cueStart;
    let end = sentence.length;
    while (start < end && /\s/.test(full[start]!)) start++;
    while (end > start && /\s/.test(full[end - 1]!)) end--;
    if (start < end) {
      sentence.cues.push({ start, end });
      sentence.types.push(cueType);
    }
  };
  const closeSentence = () => {
    if (!sentence) return;
    if (depth > 0) closeCue(); // an unclosed cue ends with its sentence
    out.push({ id: sentence.id, document, docId: docId.trim(), text: sentence.parts.join(''), cues: sentence.cues, types: sentence.types });
    sentence = null;
    depth = 0;
  };

  let last = 0;
  for (const m of xml.matchAll(MARKUP)) {
    const at = m.index;
    if (at > last) text(xml.slice(last, at), true);
    last = at + m[0].length;
    if (m[1] !== undefined) {
      text(m[1], false); // CDATA is literal text
      continue;
    }
    const name = m[3]?.toLowerCase();
    if (name === undefined) continue; // comment, declaration, processing instruction
    const closing = m[2] === '/';
    const selfClosing = m[5] === '/';
    if (name === 'document') {
      if (!closing) {
        closeSentence();
        document++;
        docId = '';
      }
    } else if (name === 'docid') {
      if (!closing && !selfClosing) {
        docId = '';
        inDocId = true;
      } else inDocId = false;
    } else if (name === 'sentence') {
      closeSentence();
      if (!closing) {
        sentence = { id: attributes(m[4] ?? '').id ?? '', parts: [], length: 0, cues: [], types: [] };
        if (selfClosing) closeSentence();
      }
    } else if (name === 'ccue' && sentence && !selfClosing) {
      if (!closing) {
        if (depth === 0) {
          cueStart = sentence.length;
          cueType = normType(attributes(m[4] ?? '').type ?? '');
        }
        depth++;
      } else if (depth > 0) {
        depth--;
        if (depth === 0) closeCue();
      }
    }
    // Any other tag inside a sentence (xcope, cue, …) is stripped; its text stays.
  }
  if (last < xml.length) text(xml.slice(last), true);
  closeSentence();
  return out;
}
