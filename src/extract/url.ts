/** What a page's URL says about where it was published. Pure and browser-safe. */

/** A host name without its scheme, port, path and the prefixes that do not change the outlet. */
export function hostOf(url: string): string | null {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:@\s]+)/i.exec(url.trim());
  if (!m) return null;
  const host = m[1]!.toLowerCase().replace(/\.$/, '');
  return host.replace(/^(?:www\d?|m|mobile|amp)\./, '');
}
