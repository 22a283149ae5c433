/**
 * Hedge cues: words and phrases by which the text distances itself from a claim ("reportedly",
 * "is said to", "may"). Patterns come from the hedge lexicon (data), compiled once into token matchers.
 */
import type { Hedge, Sentence, Token } from '../model/types.js';
import type { HedgeEntry, Lexicons } from '../lexicons/index.js';
import { segment } from '../segment/segment.js';

type Matcher = (t: Token) => boolean;

interface CompiledHedge {
  entry: HedgeEntry;
  steps: Matcher[];
  /** What the first token must be: a lower-case word, or `lemma:WORD` for {be} and {verb} steps. */
  key: string;
}

const MODAL_POS = new Set(['AUX', 'VERB']);

function compile(entry: HedgeEntry): CompiledHedge {
  const words = entry.pattern.toLowerCase().split(/\s+/).filter(Boolean);
  const steps: Matcher[] = [];
  const first = words[0] ?? '';
  const key = first === '{be}' ? 'lemma:be' : first === '{verb}' ? `lemma:${words[1] ?? ''}` : first;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '{be}') steps.push((t) => t.lemma.toLowerCase() === 'be');
    else if (w === '{verb}') {
      const verb = words[++i] ?? '';
      steps.push((t) => t.pos === 'VERB' && t.lemma.toLowerCase() === verb);
    } else if (entry.category === 'modal') steps.push((t) => t.norm === w && MODAL_POS.has(t.pos));
    else steps.push((t) => t.norm === w);
  }
  return { entry, steps, key };
}

/** Patterns grouped by the key of their first token, longest first. */
const cache = new WeakMap<Lexicons, Map<string, CompiledHedge[]>>();

function compiled(lexicons: Lexicons): Map<string, CompiledHedge[]> {
  let c = cache.get(lexicons);
  if (!c) {
    c = new Map();
    for (const p of lexicons.hedges.map(compile)) {
      const list = c.get(p.key) ?? [];
      list.push(p);
      c.set(p.key, list);
    }
    for (const list of c.values()) list.sort((a, b) => b.steps.length - a.steps.length);
    cache.set(lexicons, c);
  }
  return c;
}

export function findHedges(text: string, sentences: readonly Sentence[], tokens: readonly Token[], lexicons: Lexicons, skip: ReadonlySet<number>): Hedge[] {
  const hedges: Hedge[] = [];
  const patterns = compiled(lexicons);
  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    let covered = sentence.tokenStart; // longest match wins; matches do not overlap
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (i < covered) continue;
      const t = tokens[i]!;
      const candidates = [...(patterns.get(t.norm) ?? []), ...(patterns.get(`lemma:${t.lemma.toLowerCase()}`) ?? [])];
      let best: { p: CompiledHedge; len: number } | null = null;
      for (const p of candidates) {
        const len = p.steps.length;
        if (i + len > sentence.tokenEnd || (best && best.len >= len)) continue;
        if (p.steps.every((m, k) => m(tokens[i + k]!))) best = { p, len };
      }
      if (!best) continue;
      const start = tokens[i]!.start;
      const end = tokens[i + best.len - 1]!.end;
      hedges.push({
        start,
        end,
        text: text.slice(start, end),
        category: best.p.entry.category,
        rule: `hedge/${best.p.entry.category}`,
        evidence: best.p.entry.pattern,
      });
      covered = i + best.len;
    }
  }
  return hedges;
}

/** Hedge cues in a text analysed on its own (segmented here, no sentence skipped): for evaluation on corpora of sentences. */
export function detectHedges(text: string, lexicons: Lexicons): Hedge[] {
  const { sentences, tokens } = segment(text);
  return findHedges(text, sentences, tokens, lexicons, new Set());
}
