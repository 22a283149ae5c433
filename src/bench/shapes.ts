/**
 * Adversarial input shapes: texts built from one simple pattern repeated to a given size, the kinds of
 * input strangers send (scraped pages, pasted walls of text, hostile HTML). Each shape is a pure function
 * of the size, so a cost measured at n and 2n compares like with like. The cost test, the fuzz script and
 * `npm run bench:shapes` share them.
 */
import type { InputFormat } from '../model/types.js';

export interface Shape {
  name: string;
  format: InputFormat;
  /** A text of about `bytes` UTF-16 code units (never fewer than one repetition). */
  make(bytes: number): string;
}

/** `unit` repeated to about `bytes` code units, between `head` and `tail`. */
function fill(unit: string, bytes: number, head = '', tail = ''): string {
  const n = Math.max(1, Math.round((bytes - head.length - tail.length) / unit.length));
  return head + unit.repeat(n) + tail;
}

/** Like `fill`, with unit k made by `unitAt(k)`: patterns that vary (numbers, names) defeat caches. */
function fillWith(unitAt: (k: number) => string, bytes: number, head = '', tail = ''): string {
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let k = 0; size < bytes || k === 0; k++) {
    const u = unitAt(k);
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

const NAMES = ['Alice', 'Omar', 'Chen', 'Priya', 'Boris', 'Fatima', 'Jorge', 'Mei', 'Kwame', 'Ingrid'];
const html = (body: string) => `<!doctype html><html><head><title>Page</title></head><body><article>${body}</article></body></html>`;

export const SHAPES: readonly Shape[] = [
  { name: 'short-lines', format: 'text', make: (n) => fill('He said it.\n', n) },
  { name: 'one-word', format: 'text', make: (n) => fill('abcdefghij', n) },
  { name: 'digits', format: 'text', make: (n) => fill('0123456789', n) },
  { name: 'spaces', format: 'text', make: (n) => fill('     \t', n, 'Start', 'end.') },
  { name: 'commas', format: 'text', make: (n) => fill('a, ', n, 'Officials said ', '.') },
  { name: 'bare-commas', format: 'text', make: (n) => fill(',', n) },
  { name: 'periods', format: 'text', make: (n) => fill('. ', n) },
  { name: 'said-that', format: 'text', make: (n) => fill('he said that ', n, 'The minister said that ', 'it rained.') },
  { name: 'according-to', format: 'text', make: (n) => fill('according to officials, ', n, 'The plan, ', 'is dead.') },
  { name: 'names', format: 'text', make: (n) => fillWith((k) => `${NAMES[k % 10]} ${NAMES[(k * 7 + 3) % 10]}son `, n, '', 'said.') },
  { name: 'name-sentences', format: 'text', make: (n) => fillWith((k) => `${NAMES[k % 10]} Smith${k} said the plan would fail. `, n) },
  { name: 'pronouns', format: 'text', make: (n) => fillWith((k) => (k % 3 === 0 ? `Mayor ${NAMES[k % 10]} Lee said so. ` : 'She said it was true. '), n) },
  { name: 'open-quotes', format: 'text', make: (n) => fill('“a ', n) },
  { name: 'close-quotes', format: 'text', make: (n) => fill('a” ', n) },
  { name: 'straight-quotes', format: 'text', make: (n) => fill('"a ', n) },
  { name: 'quote-pairs', format: 'text', make: (n) => fill('“Yes,” he said. ', n) },
  { name: 'brackets', format: 'text', make: (n) => fill('(', n, '', 'x' + ')'.repeat(64)) },
  { name: 'dashes', format: 'text', make: (n) => fill(' — ', n, 'The plan', ' ended.') },
  { name: 'colons', format: 'text', make: (n) => fill('Officials: ', n) },
  { name: 'emoji', format: 'text', make: (n) => fill('👩‍👩‍👧‍👦🏳️‍🌈 ', n) },
  { name: 'lone-surrogates', format: 'text', make: (n) => fill('a\ud800b\udc00 ', n) },
  { name: 'rtl-marks', format: 'text', make: (n) => fill('\u202eقال \u200f', n) },
  { name: 'mixed-scripts', format: 'text', make: (n) => fill('Путин сказал 习近平说 said. ', n) },
  { name: 'one-paragraph', format: 'text', make: (n) => fillWith((k) => `The minister said ${k} people had left, officials said. `, n) },
  { name: 'paragraphs', format: 'text', make: (n) => fillWith((k) => `Reports said ${k} troops moved.\n\n`, n) },
  { name: 'caps-words', format: 'text', make: (n) => fill('THE ', n) },
  { name: 'html-entities', format: 'html', make: (n) => html(fill('&amp;&#x41;&lt;', n, '<p>', '</p>')) },
  { name: 'html-attributes', format: 'html', make: (n) => html(fillWith((k) => ` a${k}="v"`, n, '<p', '>text</p>')) },
  { name: 'html-nesting', format: 'html', make: (n) => html(fill('<div>', n, '', 'deep')) },
  { name: 'html-table', format: 'html', make: (n) => html(`<table>${fillWith((k) => `<tr><td>${k}</td><td>said ${NAMES[k % 10]}</td></tr>`, n)}</table>`) },
  { name: 'html-paragraphs', format: 'html', make: (n) => html(fillWith((k) => `<p>Officials said ${k} people left.</p>`, n)) },
  { name: 'html-links', format: 'html', make: (n) => html(fillWith((k) => `<a href="/p/${k}">link ${k}</a> `, n, '<p>', '</p>')) },
  { name: 'html-comments', format: 'html', make: (n) => html(fill('<!-- c -->x', n)) },
  { name: 'html-jsonld', format: 'html', make: (n) => `<html><head><script type="application/ld+json">${fill('[', n / 2)}${fill(']', n / 2)}</script></head><body><p>Text.</p></body></html>` },
];

export function shapeNamed(name: string): Shape {
  const s = SHAPES.find((x) => x.name === name);
  if (!s) throw new Error(`no shape named ${JSON.stringify(name)} (shapes: ${SHAPES.map((x) => x.name).join(', ')})`);
  return s;
}
