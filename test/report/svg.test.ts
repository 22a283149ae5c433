import { describe, expect, it } from 'vitest';
import { decodeXml, layoutSvg, sanitizeSvg } from '../../src/report/svg.js';
import { dotString } from '../../src/report/dot.js';
import { XSS_VECTORS } from '../fixtures/xss/vectors.js';

const sanitize = (svg: string) => sanitizeSvg(svg, { label: 'test' });

describe('decodeXml', () => {
  it.each([
    ['&lt;b&gt; &amp; &quot;', '<b> & "'],
    ['&#106;&#x61;', 'ja'],
    ['&#45;&#45;&gt;', '-->'],
    ['&nosuch; &', '&nosuch; &'],
    ['&#xD800; &#0; &#1114112;', '\ufffd \ufffd \ufffd'],
  ])('%j → %j', (input, expected) => expect(decodeXml(input)).toBe(expected));
});

describe('sanitizeSvg keeps shapes and text, drops everything else', () => {
  it.each([
    ['script element', '<svg viewBox="0 0 1 1"><script>alert(1)</script><g id="a"></g></svg>', '<script', 'alert'],
    ['event handler', '<svg viewBox="0 0 1 1" onload="alert(1)"><g onclick="x()"></g></svg>', 'onload', 'onclick'],
    ['link and xlink:href', '<svg viewBox="0 0 1 1"><a xlink:href="javascript:alert(1)"><text x="1" y="1">x</text></a></svg>', 'javascript', '<a'],
    ['foreignObject', '<svg viewBox="0 0 1 1"><foreignObject><iframe src="x"></iframe></foreignObject></svg>', 'iframe', 'foreignObject'],
    ['style attribute and element', '<svg viewBox="0 0 1 1"><style>*{}</style><path d="M0,0" style="fill:url(x)"/></svg>', 'style', 'url('],
    ['bad attribute values', '<svg viewBox="0 0 1 1"><path d="M0,0 javascript:x" fill="url(#x)"/><g id="a&quot; onload=&quot;x"></g></svg>', 'javascript', 'onload'],
    ['comments and doctype', '<!DOCTYPE svg><!-- <script>x</script> --><svg viewBox="0 0 1 1"></svg>', 'DOCTYPE', 'script'],
    ['image and use', '<svg viewBox="0 0 1 1"><image href="http://attacker.invalid/x.png"/><use href="#a"/></svg>', 'attacker', 'href'],
  ])('%s', (_name, input, absent1, absent2) => {
    const out = sanitize(input);
    expect(out.startsWith('<svg')).toBe(true);
    expect(out).not.toContain(absent1);
    expect(out).not.toContain(absent2);
  });

  it('text is decoded and escaped again; markup in text stays text', () => {
    const out = sanitize('<svg viewBox="0 0 1 1"><text x="1" y="2">&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#45;&#45;&gt;</text></svg>');
    expect(out).toContain('<text x="1" y="2">&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; --&gt;</text>');
  });

  it('decorates groups by id (for the report) and sizes the picture in pixels', () => {
    const out = sanitizeSvg('<svg width="75pt" height="30pt" viewBox="0 0 75 30"><g id="node&#45;n0" class="node"><ellipse cx="1" cy="2" rx="3" ry="4"/></g></svg>', {
      label: 'a "graph"',
      decorate: (id) => (id === 'node-n0' ? { tabindex: '0', 'data-f': 'gd-node-n0' } : undefined),
    });
    expect(out).toBe(
      '<svg viewBox="0 0 75 30" width="100" height="40" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="a &quot;graph&quot;"><g id="node-n0" class="node" tabindex="0" data-f="gd-node-n0"><ellipse cx="1" cy="2" rx="3" ry="4"/></g></svg>',
    );
  });

  it('Graphviz output for every hostile label: only allowed elements, no attribute outside the allow-list', async () => {
    const dot = `digraph { ${XSS_VECTORS.map((v, i) => `n${i} [label=${dotString(v, 1000)}]; ${i > 0 ? `n${i - 1} -> n${i} [label=${dotString(v, 1000)}];` : ''}`).join(' ')} }`;
    const out = sanitize(await layoutSvg(dot));
    const elements = new Set([...out.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...elements].every((e) => ['svg', 'g', 'title', 'polygon', 'polyline', 'ellipse', 'path', 'text'].includes(e!))).toBe(true);
    // Inside tags only: text may hold `x="…"` as words.
    const tags = [...out.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).join(' ');
    const attrs = new Set([...tags.matchAll(/\s([\w:-]+)="/g)].map((m) => m[1]));
    for (const a of attrs) expect(a).toMatch(/^(viewBox|width|height|xmlns|role|aria-label|id|class|transform|fill|stroke|fill-opacity|stroke-opacity|stroke-width|stroke-dasharray|points|cx|cy|rx|ry|d|text-anchor|x|y|font-family|font-size|font-weight|font-style)$/);
    const texts = [...out.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXml(m[1]!));
    // Every vector is drawn once as a node label and (but the first) once as an edge label.
    expect(texts).toHaveLength(XSS_VECTORS.length * 2 - 1);
    expect(texts).toContain('<script>window.__xss=1</script>');
  });
});
