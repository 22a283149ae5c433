/**
 * The analyse page: paste, drop or choose an article; the analysis runs in a worker in this browser; the
 * result is explorable and exportable. The article is never sent anywhere.
 */
import { languageEvidence, notEnglishReason } from '../extract/language.js';
import type { Analysis, InputFormat } from '../model/types.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';
import { renderArticleView } from './article-view.js';
import { clear, download, h } from './dom.js';
import { exporters } from './exports.js';

const MAX_BYTES = 5 * 1024 * 1024;

export function startAnalyzePage(): void {
  const form = document.getElementById('intake-form') as HTMLFormElement;
  const textarea = document.getElementById('article') as HTMLTextAreaElement;
  const fileInput = document.getElementById('file') as HTMLInputElement;
  const example = document.getElementById('example-button') as HTMLButtonElement;
  const status = document.getElementById('status')!;
  const result = document.getElementById('result')!;
  const worker = new Worker('/assets/worker.js', { type: 'module' });
  let nextId = 0;
  let pending = 0;
  let fileName: string | undefined;
  let fileFormat: InputFormat | undefined;

  const say = (message: string, error = false) => {
    status.textContent = message;
    status.classList.toggle('error', error);
  };

  const reports = new Map<number, { resolve: (html: string) => void; reject: (e: Error) => void }>();
  const report = (analysis: Analysis) =>
    new Promise<string>((resolve, reject) => {
      const id = ++nextId;
      reports.set(id, { resolve, reject });
      worker.postMessage({ id, kind: 'report', analysis } satisfies WorkerRequest);
    });

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const response = event.data;
    const waiting = reports.get(response.id);
    if (waiting) {
      reports.delete(response.id);
      if (response.ok && response.report !== undefined) waiting.resolve(response.report);
      else waiting.reject(new Error(response.ok ? 'no report' : response.error));
      return;
    }
    if (response.id !== pending) return; // an older request, superseded
    form.removeAttribute('aria-busy');
    if (!response.ok) return say(`Could not analyse this article: ${response.error}`, true);
    const analysis = response.analysis!;
    if (analysis.document.text.trim() === '') return say('No article text was found in this input.', true);
    const language = languageEvidence(analysis.document.text);
    if (language.english) say(`Analysed in ${Math.round(response.ms)} ms, in this browser: ${analysis.claims.length} claims, ${analysis.sources.length} sources.`);
    // Shown, since the reader chose it, but marked: the findings of English models on other languages mislead.
    else say(`This text ${notEnglishReason(language)}, so what follows is unreliable.`, true);
    show(analysis, response.graphSvg);
  };
  worker.onerror = (event) => {
    form.removeAttribute('aria-busy');
    say(`The analysis stopped: ${event.message || 'the worker failed'}`, true);
  };

  const run = (input: string) => {
    if (input.trim() === '') return say('Paste an article or choose a file first.', true);
    if (new TextEncoder().encode(input).length > MAX_BYTES) return say('This article is over 5 MB; claimtrace analyses articles up to 5 MB.', true);
    pending = ++nextId;
    form.setAttribute('aria-busy', 'true');
    say('Analysing in your browser…');
    const request: WorkerRequest = { id: pending, kind: 'analyze', input, ...(fileFormat ? { format: fileFormat } : {}), ...(fileName ? { name: fileName } : {}) };
    worker.postMessage(request);
  };

  const show = (analysis: Analysis, graphSvg: string | null) => {
    clear(result);
    const view = renderArticleView(analysis, graphSvg);
    const exportBar = h('div', { class: 'exports', role: 'group', 'aria-label': 'Export' }, h('span', {}, 'Export: '));
    const base = (fileName ?? analysis.document.title ?? 'article').replace(/\.[a-z]+$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 60) || 'article';
    for (const ex of exporters) {
      const b = h('button', { type: 'button', class: 'secondary' }, ex.label);
      b.addEventListener('click', () => {
        void ex.render(analysis, report).then(
          (data) => download(`${base}${ex.extension}`, data, ex.type),
          (e: Error) => say(`Export failed: ${e.message}`, true),
        );
      });
      exportBar.append(b);
    }
    result.append(exportBar, view.element);
    result.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(textarea.value);
  });
  textarea.addEventListener('input', () => {
    fileName = undefined;
    fileFormat = undefined;
  });

  const readFile = (file: File) => {
    if (file.size > MAX_BYTES) return say(`${file.name} is over 5 MB; claimtrace analyses articles up to 5 MB.`, true);
    void file.arrayBuffer().then((buffer) => {
      const bytes = new Uint8Array(buffer);
      if (bytes.includes(0)) return say(`${file.name} looks binary; choose a .txt or .html article.`, true);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return say(`${file.name} is not UTF-8 text.`, true);
      }
      textarea.value = text;
      fileName = file.name;
      fileFormat = /\.x?html?$/i.test(file.name) ? 'html' : /\.(txt|text)$/i.test(file.name) ? 'text' : undefined;
      run(text);
    });
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) readFile(file);
    fileInput.value = '';
  });
  for (const target of [textarea, form]) {
    target.addEventListener('dragover', (event) => {
      event.preventDefault();
      form.classList.add('dragging');
    });
    target.addEventListener('dragleave', () => form.classList.remove('dragging'));
    target.addEventListener('drop', (event) => {
      event.preventDefault();
      form.classList.remove('dragging');
      const file = (event as DragEvent).dataTransfer?.files[0];
      if (file) readFile(file);
    });
  }
  example.addEventListener('click', () => {
    void fetch('/assets/example.txt')
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((text) => {
        textarea.value = text;
        fileName = 'uttam-hindu-pakistan-hamas.txt';
        fileFormat = 'text';
        run(text);
      })
      .catch((e: Error) => say(`Could not load the example: ${e.message}`, true));
  });
}
