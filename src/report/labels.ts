/** How a source reads in a report: "Blitz (report)", "“reliable intelligence sources” (anonymous)". */
import type { Source } from '../model/types.js';

const DOCUMENT_HEADS = new Set(['report', 'study', 'survey', 'document', 'analysis', 'investigation', 'article', 'poll', 'assessment', 'dossier', 'memo', 'letter']);

export function sourceLabel(source: Source): string {
  switch (source.kind) {
    case 'outlet':
      return source.name;
    case 'media':
      return source.head && DOCUMENT_HEADS.has(source.head) ? `${source.outlet ?? source.name} (${source.head})` : `${source.name} (media)`;
    case 'anonymous':
      return `“${source.name}” (anonymous)`;
    case 'unknown':
      return source.unresolved ? `“${source.name}” (unresolved)` : `${source.name} (unknown)`;
    default:
      return source.named ? `${source.name} (${source.kind})` : `“${source.name}” (${source.kind})`;
  }
}

export function chainLabel(chain: readonly string[], sources: readonly Source[]): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return chain.map((id) => (byId.has(id) ? sourceLabel(byId.get(id)!) : id)).join(' → ');
}
