/** Gold tag sequences from BRAT attribution annotation, for training and testing the tagger. */
import type { Token } from '../../model/types.js';
import { parseBrat } from '../../eval/brat.js';
import { LABELS } from './features.js';

const ROLE_OF: Record<string, string> = { Source: 'S', Cue: 'C', Content: 'T' };

/** Per character: role letter and the id of the annotated span it belongs to. */
export function goldCharRoles(ann: string, text: string): { role: string[]; span: Int32Array } {
  const doc = parseBrat(ann, text);
  const role = new Array<string>(text.length).fill('');
  const span = new Int32Array(text.length).fill(-1);
  let id = 0;
  for (const s of doc.spans.values()) {
    const r = ROLE_OF[s.type];
    if (!r) continue;
    for (const f of s.fragments) {
      for (let c = f.start; c < f.end && c < text.length; c++) {
        role[c] = r;
        span[c] = id;
      }
      id++;
    }
  }
  return { role, span };
}

/** Label indices (into LABELS) of tokens [from, to). */
export function goldLabels(tokens: readonly Token[], from: number, to: number, gold: { role: string[]; span: Int32Array }): Int32Array {
  const out = new Int32Array(to - from);
  let prevSpan = -2;
  for (let i = from; i < to; i++) {
    const c = tokens[i]!.start;
    const role = gold.role[c] ?? '';
    const span = gold.span[c] ?? -1;
    out[i - from] = role ? LABELS.indexOf(`${span === prevSpan ? 'I' : 'B'}-${role}` as (typeof LABELS)[number]) : 0;
    prevSpan = role ? span : -2;
  }
  return out;
}
