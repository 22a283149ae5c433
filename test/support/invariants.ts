/** Invariants every analysis must satisfy, whatever the text. Shared by the property and corpus tests. */
import type { Analysis, Span } from '../../src/index.js';

export function checkInvariants(input: string, a: Analysis): string[] {
  const problems: string[] = [];
  const text = a.document.text;
  if (a.document.format === 'text' && text !== input) problems.push('plain text was altered');
  const inBounds = (what: string, s: Span) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length)) {
      problems.push(`${what} out of bounds: ${s.start}-${s.end} (text length ${text.length})`);
    }
  };
  const ordered = (what: string, spans: readonly Span[]) => {
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.start < spans[i - 1]!.start) problems.push(`${what} not in text order at ${i}`);
    }
  };
  a.paragraphs.forEach((p) => inBounds('paragraph', p));
  a.sentences.forEach((s, i) => {
    inBounds('sentence', s);
    if (s.start === s.end) problems.push(`empty sentence ${i}`);
    const para = a.paragraphs[s.paragraph];
    if (!para || s.start < para.start || s.end > para.end) problems.push(`sentence ${i} not inside its paragraph`);
    if (i > 0 && s.start < a.sentences[i - 1]!.end) problems.push(`sentences ${i - 1} and ${i} overlap`);
  });
  ordered('sentences', a.sentences);
  (a.tokens ?? []).forEach((t, i) => {
    inBounds('token', t);
    const s = a.sentences[t.sentence];
    if (!s || t.start < s.start || t.end > s.end) problems.push(`token ${i} not inside its sentence`);
    if (i > 0 && t.start < a.tokens![i - 1]!.end) problems.push(`tokens ${i - 1} and ${i} overlap`);
    // A token is the text it spans: its norm is that text lower-cased (apostrophes straightened).
    const spanned = a.document.text.slice(t.start, t.end).toLowerCase().replace(/[’‘`]/g, "'");
    if (t.norm !== spanned) problems.push(`token ${i} "${t.norm}" spans "${spanned}"`);
    // The parse: a head in the token's own sentence, a relation, the root's relation "root".
    if (t.head !== null && a.tokens![t.head]?.sentence !== t.sentence) problems.push(`token ${i}'s head ${t.head} is outside its sentence`);
    if ((t.head === null) !== (t.dep === 'root')) problems.push(`token ${i} has head ${t.head} and relation ${t.dep}`);
  });
  // Each sentence has one root, and every token reaches it (no cycle).
  if (a.tokens) {
    const roots = new Map<number, number>();
    for (const t of a.tokens) if (t.head === null) roots.set(t.sentence, (roots.get(t.sentence) ?? 0) + 1);
    a.sentences.forEach((s, i) => {
      if (s.tokenEnd > s.tokenStart && roots.get(i) !== 1) problems.push(`sentence ${i} has ${roots.get(i) ?? 0} roots`);
    });
    a.tokens.forEach((t, i) => {
      let k = i;
      for (let steps = 0; a.tokens![k]!.head !== null; steps++) {
        if (steps > a.tokens!.length) {
          problems.push(`token ${i} is on a cycle`);
          break;
        }
        k = a.tokens![k]!.head!;
      }
    });
  }
  a.quotes.forEach((q) => {
    inBounds('quote', q);
    if (q.inner.start < q.start || q.inner.end > q.end) problems.push('quote inner span outside the quote');
  });
  a.cues.forEach((c) => inBounds('cue', c));
  a.hedges.forEach((h) => {
    inBounds('hedge', h);
    if (h.text !== text.slice(h.start, h.end)) problems.push('hedge text does not match its span');
  });
  ordered('hedges', a.hedges);
  const sourceIds = new Set(a.sources.map((s) => s.id));
  a.sources.forEach((s) => s.mentions.forEach((m) => inBounds('source mention', m)));
  a.sourceMentions.forEach((m) => {
    inBounds('source mention', m);
    if (!sourceIds.has(m.source)) problems.push(`mention points to unknown source ${m.source}`);
  });
  const attributionIds = new Set(a.attributions.map((x) => x.id));
  a.attributions.forEach((r) => {
    inBounds('cue', r.cue);
    inBounds('content', r.content);
    if (r.sourceSpan) inBounds('source', r.sourceSpan);
    if (r.source !== null && !sourceIds.has(r.source)) problems.push(`attribution ${r.id} has unknown source ${r.source}`);
    if (r.parent !== null && !attributionIds.has(r.parent)) problems.push(`attribution ${r.id} has unknown parent`);
  });
  a.claims.forEach((c) => {
    inBounds('claim', c);
    if (c.text !== text.slice(c.start, c.end)) problems.push(`claim ${c.id} text does not match its span`);
    if (c.chain[0] !== 's0') problems.push(`claim ${c.id} chain does not start at the outlet`);
    c.chain.forEach((id) => sourceIds.has(id) || problems.push(`claim ${c.id} chain has unknown source ${id}`));
    c.hedges.forEach((h) => {
      inBounds('claim hedge', h);
      if (h.text !== text.slice(h.start, h.end)) problems.push(`claim ${c.id} hedge text does not match`);
    });
  });
  ordered('claims', a.claims);
  return problems;
}
