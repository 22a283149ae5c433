/**
 * One input document → one DocumentRecord: the full analysis, its findings as rows, and each claim's
 * matching features. Runs in the ingest workers (or in-process with --workers 0).
 */
import { deflateRawSync } from 'node:zlib';
import { analyze, ANALYSIS_VERSION } from '../pipeline.js';
import { claimFeatures } from '../corpus/cluster.js';
import { claimTermsOf, relationSignatures } from '../corpus/features.js';
import { detectWire } from '../corpus/origins.js';
import { languageEvidenceOfTokens, notEnglishReason } from '../extract/language.js';
import type { Analysis, InputFormat } from '../model/types.js';
import type { DocumentRecord } from './store.js';
import type { LexiconExtension } from '../lexicons/index.js';
import { outletFromFileName, outletNames, resolveOutlet } from '../corpus/outlets.js';

/** What the main thread sends a worker: the text and what the input said about it. */
export interface IngestJob {
  seq: number;
  hash: string;
  sourceId: string;
  path: string;
  text: string;
  format: InputFormat;
  url: string | null;
  outlet: string | null;
  published: string | null;
  title: string | null;
  /** Name of the file's folder: the outlet of last resort. */
  folder: string | null;
  /** The user's lexicon extension (--lexicon), for the analysis and the outlets' names. */
  lexicon?: LexiconExtension;
  /** Seconds the analysis may take (default: by the text's length, see model/budget.ts). */
  budgetSeconds?: number;
}

/** A document that analysed to nothing, or is not in English: reported with the reason, not stored. */
export class RefusedDocumentError extends Error {}

/**
 * One object per distinct extension: a job's extension arrives as a fresh copy, and the pipeline caches the
 * lexicons it builds by object.
 */
const extensions = new Map<string, LexiconExtension>();
function sameExtension(ext: LexiconExtension): LexiconExtension {
  const key = JSON.stringify(ext);
  let known = extensions.get(key);
  if (!known) extensions.set(key, (known = ext));
  return known;
}

export function buildRecord(job: IngestJob): Omit<DocumentRecord, never> {
  const a: Analysis = analyze(job.text, {
    format: job.format,
    name: job.path,
    tokens: true,
    ...(job.outlet ? { outlet: job.outlet } : {}),
    ...(job.lexicon ? { lexicon: sameExtension(job.lexicon) } : {}),
    ...(job.budgetSeconds ? { budgetSeconds: job.budgetSeconds } : {}),
  });
  if (a.document.text.trim() === '') throw new RefusedDocumentError('no article text found (the page has no readable content)');
  const tokens = a.tokens ?? [];
  const language = languageEvidenceOfTokens(tokens);
  if (!language.english) throw new RefusedDocumentError(notEnglishReason(language));
  const relationsByClaim = relationSignatures(a);
  const terms = claimTermsOf(a, relationsByClaim);

  const claims = a.claims.map((c) => {
    const relations = relationsByClaim.get(c.id) ?? [];
    const features = claimFeatures(terms.get(c.id)!);
    return {
      cid: c.id,
      start: c.start,
      end: c.end,
      text: c.text,
      sentence: c.sentence,
      chain: c.chain,
      attribution: c.attribution,
      continued: c.continued,
      headline: c.headline,
      checkworthiness: c.checkworthiness,
      hedges: c.hedges,
      relations,
      shingles: features.shingles,
      bands: features.bands,
    };
  });

  const { outlet, from: outletFrom } = resolveOutlet(
    { record: job.outlet, page: a.document.outlet, url: job.url, path: job.path, folder: job.folder },
    outletNames(job.lexicon?.outlets),
  );

  // Plain text is stored verbatim, so its analysis is derived again when a document is read (Store.document)
  // rather than kept: serialising and deflating it was a twentieth of the ingest's CPU and a quarter of the
  // database. An HTML page's analysis depends on markup that is not stored, so it is kept.
  let analysis = new Uint8Array(0);
  if (job.format === 'html') {
    const { tokens: _tokens, ...rest } = a;
    analysis = deflateRawSync(JSON.stringify({ ...rest, document: { ...a.document, text: undefined } }), { level: 1 });
  }
  return {
    hash: job.hash,
    sourceId: job.sourceId,
    path: job.path,
    url: job.url,
    outlet,
    outletFrom,
    published: job.published ?? a.document.published ?? outletFromFileName(job.path)?.published ?? null,
    title: job.title ?? a.document.title,
    byline: a.document.byline,
    wire: detectWire(a.document.byline, a.document.text),
    format: a.document.format,
    text: a.document.text,
    analysis,
    model: ANALYSIS_VERSION,
    sources: a.sources.map((s) => ({ sid: s.id, name: s.name, kind: s.kind, named: s.named, unresolved: s.unresolved, outlet: s.outlet, head: s.head, descriptors: s.descriptors })),
    claims,
    attributions: a.attributions.map((x) => ({
      aid: x.id,
      source: x.source,
      cue: [x.cue.start, x.cue.end] as [number, number],
      content: [x.content.start, x.content.end] as [number, number],
      type: x.type,
      rule: x.rule,
      parent: x.parent,
      reported: x.reported,
    })),
    hedges: a.hedges.map((h) => ({ start: h.start, end: h.end, text: h.text, category: h.category, rule: h.rule })),
    entities: a.entities.map((e) => ({ eid: e.id, name: e.name, type: e.type })),
    relations: a.relations.map((r) => ({ rid: r.id, subject: r.subject, predicate: r.predicate, object: r.object, claim: r.claim, negated: r.negated, hedged: r.hedged, modality: r.modality })),
    techniques: a.techniques.map((t) => ({ tid: t.id, technique: t.technique, start: t.start, end: t.end, score: t.score })),
  };
}
