/**
 * claimtrace/report: the analysis as a reader sees it. Kept apart from the main entry because the HTML
 * report loads Graphviz (WebAssembly); `import { analyze } from 'claimtrace'` stays light.
 */
export { renderHtml, type HtmlOptions } from './html.js';
export { allegationDot, chainsDot, dotString, type DotOptions } from './dot.js';
export { renderWebAnno, ANNO_CONTEXT, type Annotation, type AnnotationCollection, type WebAnnoOptions } from './webanno.js';
export { renderTerminal, type TerminalOptions } from './terminal.js';
export { allegationGraph, chainGraph, basisOf, type Basis } from './graph.js';
