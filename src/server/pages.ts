/**
 * The HTML shell of each page. Static markup only: nothing from an article or the corpus is ever written
 * here; the browser bundle fills the page through DOM APIs (textContent), so stored text is never parsed
 * as HTML. No inline script or style, so the Content-Security-Policy can forbid both.
 */
export type PageName = 'analyze' | 'corpus';

export function renderShell(page: PageName, options: { corpus: boolean }): string {
  const nav = [
    `<a href="/"${page === 'analyze' ? ' aria-current="page"' : ''}>Analyse an article</a>`,
    options.corpus ? `<a href="/corpus"${page === 'corpus' ? ' aria-current="page"' : ''}>Corpus</a>` : '',
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page === 'analyze' ? 'Analyse an article' : 'Corpus'} · claimtrace</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<script type="module" src="/assets/app.js"></script>
</head>
<body data-page="${page}" data-corpus="${options.corpus}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<span class="brand">claimtrace</span>
<nav aria-label="Pages">${nav}</nav>
</header>
<main id="main" tabindex="-1">
${page === 'analyze' ? ANALYZE_BODY : CORPUS_BODY}
</main>
</body>
</html>
`;
}

const ANALYZE_BODY = `<section class="intake" aria-labelledby="intake-title">
<h1 id="intake-title">Who says so, and on whose authority?</h1>
<p class="privacy">The analysis runs in this browser: the article you paste or drop never leaves your machine.</p>
<form id="intake-form">
<label for="article">Article text or HTML</label>
<textarea id="article" name="article" rows="10" spellcheck="false" placeholder="Paste a news article here, or drop a .txt or .html file on this box"></textarea>
<div class="intake-actions">
<button type="submit" id="analyze-button">Analyse</button>
<label class="file-button" for="file">Choose a file…</label>
<input type="file" id="file" accept=".txt,.text,.html,.htm,text/plain,text/html">
<button type="button" id="example-button" class="secondary">Try the example article</button>
</div>
</form>
<p id="status" role="status" aria-live="polite"></p>
</section>
<section id="result" class="result" hidden aria-label="Analysis"></section>`;

const CORPUS_BODY = `<h1>Corpus</h1>
<div class="corpus-tabs" role="tablist" aria-label="Corpus views">
<button type="button" role="tab" id="tab-clusters" aria-controls="panel-clusters" aria-selected="true">Claims across outlets</button>
<button type="button" role="tab" id="tab-documents" aria-controls="panel-documents" aria-selected="false">Documents</button>
<button type="button" role="tab" id="tab-outlets" aria-controls="panel-outlets" aria-selected="false">Who cites whom</button>
</div>
<section id="panel-clusters" role="tabpanel" aria-labelledby="tab-clusters"></section>
<section id="panel-documents" role="tabpanel" aria-labelledby="tab-documents" hidden></section>
<section id="panel-outlets" role="tabpanel" aria-labelledby="tab-outlets" hidden></section>
<p id="status" role="status" aria-live="polite"></p>`;
