import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight, type Layer } from './highlight.js';

const layer = (start: number, end: number, name: string, rank = 0, interactive = true): Layer => ({ start, end, ids: interactive ? [name] : [], className: name, rank });

/** The text back from the markup, and for each character the layer names of the elements around it. */
function read(html: string): { text: string; covering: string[][] } {
  const stack: string[] = [];
  const covering: string[][] = [];
  let text = '';
  for (const m of html.matchAll(/<(\/?)(mark|span|a)\b([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      const t = m[4].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const ch of t) {
        text += ch;
        for (let k = 0; k < ch.length; k++) covering.push([...stack].sort());
      }
    } else if (m[1] === '/') {
      stack.pop();
    } else {
      stack.push(/class="([^" ]+)/.exec(m[3]!)![1]!);
    }
  }
  expect(stack, 'every element closed').toEqual([]);
  return { text, covering };
}

describe('highlight', () => {
  it.each<[string, string, Layer[], string]>([
    ['no layers', 'a < b & c', [], 'a &lt; b &amp; c'],
    ['one mark', 'say hi', [layer(4, 6, 'x')], 'say <mark class="x" data-f="x" aria-describedby="x" tabindex="0">hi</mark>'],
    ['nested', 'abcdef', [layer(0, 6, 'o'), layer(2, 4, 'i', 1)], '<mark class="o" data-f="o" aria-describedby="o" tabindex="0">ab<mark class="i" data-f="i" aria-describedby="i" tabindex="0">cd</mark>ef</mark>'],
    [
      'crossing: the inner mark is split at the outer one\'s end, and only its first piece is a tab stop',
      'abcdef',
      [layer(0, 4, 'o'), layer(2, 6, 'i', 1)],
      '<mark class="o" data-f="o" aria-describedby="o" tabindex="0">ab<mark class="i" data-f="i" aria-describedby="i" tabindex="0">cd</mark></mark><mark class="i cont" data-f="i" aria-describedby="i">ef</mark>',
    ],
    ['same span: lower rank outside', 'ab', [layer(0, 2, 'inner', 5), layer(0, 2, 'outer', 1)], '<mark class="outer" data-f="outer" aria-describedby="outer" tabindex="0"><mark class="inner" data-f="inner" aria-describedby="inner" tabindex="0">ab</mark></mark>'],
    ['region (not interactive)', 'ab', [layer(0, 1, 'r', -1, false)], '<span class="r">a</span>b'],
    ['empty and out-of-range layers are ignored', 'ab', [layer(1, 1, 'e'), layer(1, 9, 'o'), layer(-1, 1, 'n')], 'ab'],
    ['hostile class and id values are escaped', 'ab', [{ start: 0, end: 1, ids: ['"><x'], className: '" onclick="x', rank: 0 }], '<mark class="&quot; onclick=&quot;x" data-f="&quot;&gt;&lt;x" aria-describedby="&quot;&gt;&lt;x" tabindex="0">a</mark>b'],
  ])('%s', (_name, text, layers, expected) => {
    expect(highlight(text, layers)).toBe(expected);
  });

  it('inserts anchors at their place, after marks that end there', () => {
    expect(highlight('abcd', [layer(0, 2, 'x')], [{ at: 2, html: '<a class="n">1</a>' }])).toBe(
      '<mark class="x" data-f="x" aria-describedby="x" tabindex="0">ab</mark><a class="n">1</a>cd',
    );
  });

  it('property: the text survives verbatim, elements nest, and each character carries exactly the layers covering it', () => {
    const text = fc.stringMatching(/^[ab <>&"\n]{0,30}$/);
    fc.assert(
      fc.property(
        text.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.array(fc.tuple(fc.nat(t.length), fc.nat(t.length), fc.integer({ min: -1, max: 5 })), { maxLength: 8 }),
          ),
        ),
        ([t, spans]) => {
          const layers = spans.map(([x, y, rank], i) => layer(Math.min(x, y), Math.max(x, y), `L${i}`, rank));
          const { text: back, covering } = read(highlight(t, layers));
          expect(back).toBe(t);
          for (let pos = 0; pos < t.length; pos++) {
            const expected = layers.filter((l) => l.start <= pos && pos < l.end).map((l) => l.className).sort();
            expect(covering[pos], `layers at ${pos}`).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
