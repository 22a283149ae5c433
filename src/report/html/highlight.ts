/**
 * The article as HTML with findings marked in place. Findings overlap and cross each other, HTML elements
 * must nest: a mark that is still open when an enclosing one closes is closed with it and reopened right
 * after (split at the boundary), so every character carries exactly the marks of the findings covering it.
 */
import { escapeAttr, escapeText } from './escape.js';

export interface Layer {
  start: number;
  end: number;
  /** Element ids of the findings' descriptions (`aria-describedby`, the tooltip's content). Empty: not interactive. */
  ids: string[];
  className: string;
  /** Outer layers open first when two findings start at the same place and end at the same place. */
  rank: number;
}

/** Markup (already safe: produced by the report, not the article) inserted at a text position. */
export interface Anchor {
  at: number;
  html: string;
}

export function highlight(text: string, layers: readonly Layer[], anchors: readonly Anchor[] = []): string {
  const items = layers
    .filter((l) => l.start >= 0 && l.end <= text.length && l.start < l.end)
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const points = new Set<number>([text.length]);
  for (const l of items) points.add(l.start).add(l.end);
  const anchorsAt = new Map<number, string[]>();
  for (const a of anchors) {
    if (a.at < 0 || a.at > text.length) continue;
    points.add(a.at);
    anchorsAt.set(a.at, [...(anchorsAt.get(a.at) ?? []), a.html]);
  }
  const seen = new Set<Layer>();
  const open = (l: Layer): string => {
    const first = !seen.has(l);
    seen.add(l);
    if (l.ids.length === 0) return `<span class="${escapeAttr(l.className)}">`;
    const ids = escapeAttr(l.ids.join(' '));
    // Only the first piece of a split mark is a tab stop, so each finding is reached once from the keyboard.
    return `<mark class="${escapeAttr(l.className)}${first ? '' : ' cont'}" data-f="${ids}" aria-describedby="${ids}"${first ? ' tabindex="0"' : ''}>`;
  };
  const close = (l: Layer): string => (l.ids.length === 0 ? '</span>' : '</mark>');

  const out: string[] = [];
  const stack: Layer[] = [];
  let pos = 0;
  let next = 0;
  for (const p of [...points].sort((a, b) => a - b)) {
    if (p > pos) out.push(escapeText(text.slice(pos, p)));
    pos = p;
    const lowest = stack.findIndex((l) => l.end <= p);
    if (lowest >= 0) {
      const reopen: Layer[] = [];
      while (stack.length > lowest) {
        const top = stack.pop()!;
        out.push(close(top));
        if (top.end > p) reopen.unshift(top);
      }
      for (const l of reopen) {
        stack.push(l);
        out.push(open(l));
      }
    }
    for (const html of anchorsAt.get(p) ?? []) out.push(html);
    while (next < items.length && items[next]!.start === p) {
      const l = items[next++]!;
      stack.push(l);
      out.push(open(l));
    }
  }
  while (stack.length > 0) out.push(close(stack.pop()!));
  return out.join('');
}
