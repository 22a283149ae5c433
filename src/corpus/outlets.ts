/**
 * Which outlet published a document, named one way however the input wrote it: "www.nytimes.com",
 * "nyt" and "The New York Times" are one outlet (src/lexicons/outlets.json, extended with --lexicon).
 *
 * What names the outlet, most trusted first: the record's own `outlet`, the page (og:site_name, JSON-LD
 * publisher, a dateline's "(The Uttam Hindu)"), the record's or page's URL, a file name that starts with
 * it ("breitbart_2016-10-04_….txt", as news corpora name their files), and only then the folder.
 * Pure and browser-safe.
 */
import outletsLexicon from '../lexicons/outlets.json' with { type: 'json' };
import type { OutletEntry } from '../lexicons/outlets.js';
import { outletKey } from './origins.js';
import { hostOf } from '../extract/url.js';

export { hostOf };

export type OutletFrom = 'input' | 'analysis' | 'url' | 'file' | 'folder' | 'unknown';

const looksLikeHost = (s: string): boolean => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s);

export class OutletNames {
  private readonly byKey = new Map<string, string>();

  constructor(entries: readonly OutletEntry[]) {
    for (const e of entries) {
      for (const form of [e.name, ...e.aliases]) {
        const key = outletKey(form);
        // The first entry to claim a form keeps it: a user's entries come first.
        if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, e.name);
      }
    }
  }

  /** The outlet's name for any way of writing it; a name the lexicon does not know comes back as written (a URL as its host). */
  canonical(raw: string): string {
    const name = raw.trim();
    const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(name) ? hostOf(name) : looksLikeHost(name) ? hostOf(`//${name}`) : null;
    if (host) {
      // "edition.cnn.com" is CNN's; try the host, then each parent domain with two labels at least.
      const labels = host.split('.');
      for (let i = 0; i + 2 <= labels.length; i++) {
        const known = this.byKey.get(outletKey(labels.slice(i).join('.')));
        if (known) return known;
      }
      return host;
    }
    return this.byKey.get(outletKey(name)) ?? name;
  }
}

let builtIn: OutletNames | null = null;

/** The built-in outlet names, with a user's entries (tried first) when given. */
export function outletNames(extra: readonly OutletEntry[] = []): OutletNames {
  if (extra.length > 0) return new OutletNames([...extra, ...outletsLexicon.outlets]);
  return (builtIn ??= new OutletNames(outletsLexicon.outlets));
}

/**
 * The outlet and date a news corpus's file name gives: `<outlet>_<YYYY-MM-DD>_<slug>` (PolNeAR and many
 * crawls name files so). Null for any other name.
 */
export function outletFromFileName(path: string): { outlet: string; published: string } | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  const m = /^([a-z][a-z0-9.-]*)_(\d{4}-\d{2}-\d{2})_/i.exec(base);
  return m ? { outlet: m[1]!, published: m[2]! } : null;
}

export interface OutletEvidence {
  /** The input record's `outlet`. */
  record?: string | null;
  /** What the page or text names (og:site_name, JSON-LD publisher, a dateline's outlet). */
  page?: string | null;
  url?: string | null;
  path?: string | null;
  folder?: string | null;
}

/** The document's outlet, canonical, and what named it. */
export function resolveOutlet(evidence: OutletEvidence, names: OutletNames = outletNames()): { outlet: string; from: OutletFrom } {
  const given = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';
  if (given(evidence.record)) return { outlet: names.canonical(evidence.record), from: 'input' };
  if (given(evidence.page)) return { outlet: names.canonical(evidence.page), from: 'analysis' };
  const host = given(evidence.url) ? hostOf(evidence.url) : null;
  if (host) return { outlet: names.canonical(host), from: 'url' };
  const file = given(evidence.path) ? outletFromFileName(evidence.path) : null;
  if (file) return { outlet: names.canonical(file.outlet), from: 'file' };
  if (given(evidence.folder)) return { outlet: names.canonical(evidence.folder), from: 'folder' };
  return { outlet: 'unknown', from: 'unknown' };
}
