/** `claimtrace analyze --format F`: the analysis rendered as the CLI writes it. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../model/types.js';
import { allegationDot } from '../report/dot.js';
import { renderHtml } from '../report/html.js';
import { renderTerminal } from '../report/terminal.js';
import { renderWebAnno } from '../report/webanno.js';

export const OUTPUT_FORMATS = ['text', 'json', 'html', 'dot', 'webanno'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

export interface OutputContext {
  /** The input path, or `-` for stdin. */
  path: string;
  color: boolean;
  width: number;
}

export async function renderOutput(format: OutputFormat, analysis: Analysis, context: OutputContext): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(analysis, null, 2) + '\n';
    case 'html':
      return renderHtml(analysis, { sourceName: context.path === '-' ? 'stdin' : context.path });
    case 'dot':
      return allegationDot(analysis);
    case 'webanno': {
      // Annotations point at the document they annotate: the file's URL, or a placeholder IRI for stdin.
      const source = context.path === '-' ? 'urn:claimtrace:stdin' : pathToFileURL(resolve(context.path)).href;
      return JSON.stringify(renderWebAnno(analysis, { source }), null, 2) + '\n';
    }
    case 'text':
      return renderTerminal(analysis, { color: context.color, width: context.width });
  }
}
