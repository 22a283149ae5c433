/**
 * What the analyse page can export, rendered in the browser from the same analysis (the same
 * renderers as `claimtrace analyze --format …`).
 */
import type { Analysis } from '../model/types.js';
import { renderWebAnno } from '../report/webanno.js';

export interface Exporter {
  label: string;
  extension: string;
  type: string;
  /** `report` renders the HTML report in the analysis worker (Graphviz runs there). */
  render(analysis: Analysis, report: (analysis: Analysis) => Promise<string>): Promise<string>;
}

export const exporters: Exporter[] = [
  { label: 'JSON', extension: '.json', type: 'application/json', render: async (a) => JSON.stringify(a, null, 2) + '\n' },
  { label: 'HTML report', extension: '.html', type: 'text/html', render: (a, report) => report(a) },
  { label: 'Web Annotation', extension: '.jsonld', type: 'application/ld+json', render: async (a) => JSON.stringify(renderWebAnno(a), null, 2) + '\n' },
];
