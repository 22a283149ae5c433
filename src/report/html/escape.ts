/** Escaping for the HTML report. Everything from the article passes through one of these. */

/**
 * Characters that must not reach the page as they are: controls (other than tab and line feed), the
 * bidi overrides that can make text read differently from what it is, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** For text content (between tags): `&`, `<`, `>` escaped; unsafe characters replaced, so lengths are kept. */
export function escapeText(s: string): string {
  return s.replace(UNSAFE, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For a double-quoted attribute value. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
