/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) JSON-LD: one annotation per finding, so
 * the analysis opens in standard annotation tools. Offsets in the document model are UTF-16 code units;
 * the model counts characters as Unicode code points (§4.2.4, §4.2.5), so they are converted here.
 */
import type { Analysis, Span } from '../model/types.js';
import { BASIS_LABEL, basisOf, ENTITY_TYPE_LABEL } from './graph.js';
import { chainLabel, sourceLabel } from './labels.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'describing' | 'classifying' | 'identifying' | 'linking';
  value: string;
  format?: 'text/plain';
  language?: string;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: 'classifying' | 'describing' | 'identifying' | 'tagging';
  generator: { id: string; type: 'Software'; name: string };
  body: TextualBody[];
  target: { source: string; selector: [TextPositionSelector, TextQuoteSelector] };
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: Annotation[] };
}

export interface WebAnnoOptions {
  /** IRI of the annotated document (the CLI passes the file's `file:` URL). */
  source?: string;
  /** Characters of context on each side in TextQuoteSelector (code points). */
  context?: number;
}

/** Maps UTF-16 offsets of a text to code-point offsets (a lone surrogate counts as one character). */
export function codePointOffsets(text: string): (utf16: number) => number {
  const prefix = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = cp;
    const c = text.charCodeAt(i);
    // The low half of a pair is not a character of its own: it maps to the same position as the high half.
    const pairStart = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pairStart) {
      prefix[i + 1] = cp;
      i++;
    }
    cp++;
  }
  prefix[text.length] = cp;
  return (utf16) => prefix[Math.max(0, Math.min(text.length, utf16))]!;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function renderWebAnno(analysis: Analysis, options: WebAnnoOptions = {}): AnnotationCollection {
  const text = analysis.document.text;
  const source = options.source ?? 'urn:claimtrace:document';
  const context = options.context ?? 32;
  const toCp = codePointOffsets(text);
  const chars = Array.from(text);
  const base = `${source}#claimtrace`;
  const sourceById = new Map(analysis.sources.map((s) => [s.id, s]));
  const claimById = new Map(analysis.claims.map((c) => [c.id, c]));
  const entityById = new Map(analysis.entities.map((e) => [e.id, e]));
  const items: Annotation[] = [];
  const generator = { id: 'urn:claimtrace', type: 'Software' as const, name: `claimtrace ${analysis.version}` };

  const add = (key: string, span: Span, motivation: Annotation['motivation'], tag: string, description: string, extra: TextualBody[] = []): void => {
    if (!(span.start >= 0 && span.end > span.start && span.end <= text.length)) return;
    const start = toCp(span.start);
    const end = toCp(span.end);
    items.push({
      id: `${base}-${key}`,
      type: 'Annotation',
      motivation,
      generator,
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: tag },
        { type: 'TextualBody', purpose: 'describing', value: description, format: 'text/plain', language: 'en' },
        ...extra,
      ],
      target: {
        source,
        selector: [
          { type: 'TextPositionSelector', start, end },
          {
            type: 'TextQuoteSelector',
            exact: chars.slice(start, end).join(''),
            prefix: chars.slice(Math.max(0, start - context), start).join(''),
            suffix: chars.slice(end, end + context).join(''),
          },
        ],
      },
    });
  };
  const ruleNote = (rule: string, evidence: string, score?: number): string => ` (rule ${rule}; evidence: ${clean(evidence)}${score === undefined ? '' : `; score ${score.toFixed(2)}`})`;

  for (const c of analysis.claims) {
    const basis = basisOf(c, analysis.sources);
    const hedges = c.hedges.length ? `; hedged: ${c.hedges.map((h) => h.text).join(', ')}` : '';
    add(c.id, c, 'describing', 'claim', `Claim resting on ${BASIS_LABEL[basis]}. Chain: ${chainLabel(c.chain, analysis.sources)}${hedges}${c.continued ? '; continues reported speech' : ''}`, [
      { type: 'TextualBody', purpose: 'classifying', value: `rests-on:${basis}` },
    ]);
  }
  analysis.sourceMentions.forEach((m, i) => {
    const s = sourceById.get(m.source);
    const label = s ? sourceLabel(s) : m.source;
    const detail = s ? `${s.named ? 'named' : 'unnamed'} ${s.kind}${s.descriptors.length ? `; ${s.descriptors.join(', ')}` : ''}${s.unresolved ? '; unresolved' : ''}` : '';
    add(`source-mention-${i}`, m, 'identifying', 'source', `Source: ${label} (${detail}; referred to by ${m.reference})${ruleNote(m.rule, m.evidence, m.score)}`, [
      { type: 'TextualBody', purpose: 'classifying', value: `source-kind:${s?.kind ?? 'unknown'}` },
    ]);
  });
  analysis.cues.forEach((c, i) => {
    const a = analysis.attributions[i];
    const s = a?.source ? sourceById.get(a.source) : undefined;
    add(`cue-${i}`, c, 'classifying', 'cue', `Attribution cue (${c.type}, “${c.lemma}”)${s ? ` for ${sourceLabel(s)}` : ''}${a && !a.reported ? '; a stance, not reported speech' : ''}${ruleNote(c.rule, c.evidence, c.score)}`);
  });
  for (const a of analysis.attributions) {
    const s = a.source ? sourceById.get(a.source) : undefined;
    add(`content-${a.id}`, a.content, 'classifying', 'content', `Content attributed to ${s ? sourceLabel(s) : 'no named source'} (${a.type}${a.reported ? '' : ', stance'})${ruleNote(a.rule, a.evidence)}`);
  }
  analysis.hedges.forEach((h, i) => {
    add(`hedge-${i}`, h, 'classifying', 'hedge', `Hedge (${h.category}): “${h.text}”${ruleNote(h.rule, h.evidence, h.score)}`);
  });
  for (const t of analysis.techniques) {
    add(`technique-${t.id}`, t, 'classifying', 'technique', `Propaganda technique: ${t.technique.replace(/_/g, ' ')}${ruleNote(t.rule, t.evidence, t.score)}`, [
      { type: 'TextualBody', purpose: 'classifying', value: `technique:${t.technique}` },
    ]);
  }
  for (const e of analysis.entities) {
    const whole = e.partOf ? entityById.get(e.partOf) : undefined;
    e.mentions.forEach((m, i) => {
      add(`entity-${e.id}-${i}`, m, 'identifying', 'entity', `${e.name} (${ENTITY_TYPE_LABEL[e.type] ?? e.type}${e.role ? `; ${e.role}` : ''}${whole ? `; part of ${whole.name}` : ''})`, [
        { type: 'TextualBody', purpose: 'identifying', value: e.name },
      ]);
    });
  }
  for (const r of analysis.relations) {
    const subject = entityById.get(r.subject)?.name ?? r.subject;
    const object = entityById.get(r.object)?.name ?? r.object;
    const claim = claimById.get(r.claim);
    const basis = basisOf(claim, analysis.sources);
    const flags = [r.negated ? 'negated' : null, r.hedged ? 'hedged' : null, r.modality !== 'asserted' ? r.modality : null].filter(Boolean).join(', ');
    add(`relation-${r.id}`, r, 'describing', 'relation', `${subject} —${r.predicate}→ ${object}${flags ? ` (${flags})` : ''}; rests on ${BASIS_LABEL[basis]}${claim ? `: ${chainLabel(claim.chain, analysis.sources)}` : ''}${ruleNote(r.rule, r.evidence, r.score)}`, [
      { type: 'TextualBody', purpose: 'classifying', value: `predicate:${r.predicate}` },
      { type: 'TextualBody', purpose: 'classifying', value: `rests-on:${basis}` },
    ]);
  }

  // Tokens, when the analysis holds them: each one's tag and relation, linked to its head's annotation.
  const tokens = analysis.tokens ?? [];
  tokens.forEach((t, i) => {
    const head = t.head === null ? null : tokens[t.head];
    const role = head ? `${t.dep} of “${clean(text.slice(head.start, head.end))}” (token ${t.head})` : 'root of its sentence';
    add(`token-${i}`, t, 'tagging', 'token', `Token ${i}: ${t.upos}, ${role}; lemma “${t.lemma}”`, [
      { type: 'TextualBody', purpose: 'classifying', value: `upos:${t.upos}` },
      { type: 'TextualBody', purpose: 'classifying', value: `dep:${t.dep}` },
      ...(t.head === null ? [] : [{ type: 'TextualBody' as const, purpose: 'linking' as const, value: `${base}-token-${t.head}` }]),
    ]);
  });

  const title = analysis.document.title ? `: ${clean(analysis.document.title)}` : '';
  return {
    '@context': ANNO_CONTEXT,
    id: `${base}-annotations`,
    type: 'AnnotationCollection',
    label: `claimtrace findings${title}`,
    total: items.length,
    first: { id: `${base}-annotations-page-0`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
