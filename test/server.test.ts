/**
 * The web app's HTTP side without a browser: host checking, security headers, the analyse API and its
 * errors, static files. Requests go through hono's in-process `app.request`, plus one real listening
 * server to check the Host names it accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, afterAll } from 'vitest';
import { createApp, CONTENT_SECURITY_POLICY } from '../src/server/app.js';
import { allowedHosts, loadAssets, startServer } from '../src/cli/serve.js';
import { analyze } from '../src/pipeline.js';
import { workerAnalyzer } from '../src/workers/analyzer.js';

const seed = readFileSync(new URL('../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8');
const hosts = new Set(allowedHosts('127.0.0.1', 8080));
// The analyses run in a real worker thread, as under `claimtrace serve`.
const analyzer = workerAnalyzer({ workers: 1 });
afterAll(() => analyzer.close());
const app = createApp({ allowedHosts: hosts, assets: loadAssets(), maxBytes: 5 * 1024 * 1024, analyzer });
const local = { Host: '127.0.0.1:8080' };

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

describe('host check (DNS rebinding)', () => {
  it.each([
    ['127.0.0.1:8080', 200],
    ['localhost:8080', 200],
    ['[::1]:8080', 200],
    ['LOCALHOST:8080', 200],
    ['attacker.example', 403],
    ['attacker.example:8080', 403],
    ['127.0.0.1.attacker.example:8080', 403],
    ['', 403],
  ])('Host %j → %i', async (host, status) => {
    const res = await app.request('/', { headers: host ? { Host: host } : {} });
    expect(res.status).toBe(status);
    if (status === 403) expect((await errorOf(res)).code).toBe('forbidden-host');
  });

  it('refuses the API too, before reading the body', async () => {
    const res = await app.request('/api/analyze', { method: 'POST', headers: { Host: 'attacker.example', 'Content-Type': 'text/plain' }, body: seed });
    expect(res.status).toBe(403);
  });
});

describe('pages', () => {
  it('serve a shell with a strict CSP and no inline script or handler', async () => {
    for (const path of ['/', '/corpus']) {
      const res = await app.request(path, { headers: local });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    }
  });

  it('the analyse page says the article stays in the browser', async () => {
    const html = await (await app.request('/', { headers: local })).text();
    expect(html).toMatch(/runs in this browser/);
  });

  it('serve built assets by exact name only', async () => {
    const js = await app.request('/assets/app.js', { headers: local });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/assets/..%2Fpackage.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/../../package.json', '/assets/nope.js', '/package.json']) {
      const res = await app.request(path, { headers: local });
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('not-found');
    }
  });
});

describe('POST /api/analyze', () => {
  const expected = JSON.parse(JSON.stringify(analyze(seed, { format: 'text' })));

  it('returns the same analysis as analyze --json for the seed, sent as text', async () => {
    const res = await app.request('/api/analyze', { method: 'POST', headers: { ...local, 'Content-Type': 'text/plain; charset=utf-8' }, body: seed });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.claims).toEqual(expected.claims);
    expect(body.sources).toEqual(expected.sources);
    expect(body).toEqual(expected);
    // The chain the seed is about: the outlet → Blitz → anonymous intelligence sources.
    const byId = new Map(body.sources.map((s: { id: string; name: string; kind: string }) => [s.id, s]));
    const chains = body.claims.map((c: { chain: string[] }) => c.chain.map((id) => (byId.get(id) as { kind: string }).kind).join(' → '));
    expect(chains).toContain('outlet → media → anonymous');
  });

  it('accepts JSON and multipart bodies', async () => {
    const json = await app.request('/api/analyze', { method: 'POST', headers: { ...local, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: seed }) });
    expect(json.status).toBe(200);
    expect((await json.json()).claims).toEqual(expected.claims);
    const form = new FormData();
    form.set('file', new File([seed], 'seed.txt', { type: 'text/plain' }));
    const multipart = await app.request('/api/analyze', { method: 'POST', headers: local, body: form });
    expect(multipart.status).toBe(200);
    expect((await multipart.json()).claims).toEqual(expected.claims);
  });

  it('reads HTML as HTML and never echoes its scripts as markup', async () => {
    const html = `<html><head><title>Hostile &lt;b&gt;</title><script>alert(1)</script></head><body><article><p>Officials said that <img src=x onerror=alert(1)> the dam will hold, according to a report.</p></article></body></html>`;
    const res = await app.request('/api/analyze', { method: 'POST', headers: { ...local, 'Content-Type': 'text/html' }, body: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.document.format).toBe('html');
    expect(body.document.text).not.toContain('<img');
    expect(body.document.text).toContain('the dam will hold');
  });

  it.each([
    ['a 6 MB body', 413, 'too-large', 'text/plain', 'x'.repeat(6 * 1024 * 1024)],
    ['an XML body', 415, 'unsupported-type', 'application/xml', '<a/>'],
    ['no content type', 415, 'unsupported-type', '', new TextEncoder().encode('Officials said it.')],
    ['an empty body', 400, 'bad-request', 'text/plain', ''],
    ['whitespace only', 400, 'bad-request', 'text/plain', ' \n\t '],
    ['binary bytes', 400, 'bad-request', 'text/plain', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])],
    ['invalid UTF-8', 400, 'bad-request', 'text/plain', new Uint8Array([0x66, 0xff, 0xfe, 0x66])],
    ['malformed JSON', 400, 'bad-request', 'application/json', '{"text": '],
    ['JSON without text', 400, 'bad-request', 'application/json', '{"article": "x"}'],
    ['JSON with empty text', 400, 'bad-request', 'application/json', '{"text": ""}'],
    ['multipart without a file', 400, 'bad-request', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--\r\n'],
  ] as const)('refuses %s: %i %s', async (_name, status, code, type, body) => {
    const headers: Record<string, string> = { ...local };
    if (type) headers['Content-Type'] = type;
    const res = await app.request('/api/analyze', { method: 'POST', headers, body });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await app.request('/api/nothing', { headers: local });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not-found');
  });

  it('corpus routes say no corpus is open without --db', async () => {
    for (const path of ['/api/documents', '/api/documents/1', '/api/clusters', '/api/clusters/1']) {
      const res = await app.request(path, { headers: local });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('no-corpus');
    }
  });
});

describe('a real server', () => {
  const started = startServer({ port: 0, host: '127.0.0.1', maxBytes: 1024 });
  afterAll(async () => (await started).server.close());

  it('listens on loopback, accepts its own names with the real port, and refuses others', async () => {
    const { url } = await started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(url)).status).toBe(200);
    const port = new URL(url).port;
    const viaLocalhost = await fetch(`http://localhost:${port}/`).catch(() => null);
    if (viaLocalhost) expect(viaLocalhost.status).toBe(200);
    // fetch() will not forge Host; use node:http for a rebinding-style request.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path: '/api/clusters', headers: { Host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('applies its body limit', async () => {
    const { url } = await started;
    const res = await fetch(new URL('/api/analyze', url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'Officials said it. '.repeat(200) });
    expect(res.status).toBe(413);
  });
});

describe('docs/openapi.yaml', () => {
  const spec = readFileSync(new URL('../docs/openapi.yaml', import.meta.url), 'utf8');
  it('documents every API route the app serves, with its method', () => {
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const block = spec.split(/\n  (?=\/)/).find((b) => b.startsWith(`${path}:`));
      expect(block, `${r.method} ${path} is not in docs/openapi.yaml`).toBeDefined();
      expect(block).toContain(`    ${r.method.toLowerCase()}:`);
    }
  });
});
