/**
 * Page furniture that Readability keeps inside an article's content: photo captions, share bars,
 * newsletter boxes, "Read more:" links, related-story lists, pull quotes, author bios, "Advertisement"
 * labels, the headline and byline printed again above the text. None of it is the article's text, and
 * claims read from it would be the page's, not the story's.
 *
 * Two passes: elements removed from the content before its text is read (by what they are: a caption, a
 * list of nothing but links, an element the page itself labels as a share bar or a newsletter box), then
 * paragraphs dropped by what they say. Both are linear in the page. Browser-safe.
 */

/** Class or id words of furniture blocks (matched as words inside class names like "story-share-bar"). */
const FURNITURE_LABEL =
  /(?:^|[-_\s])(share|sharing|social|newsletter|signup|sign-up|subscribe|subscription|related|read-?more|more-stories|recommended|promo|advert|advertisement|ad-slot|ad-container|sponsor(?:ed)?|next-story|prev-story|outbrain|taboola|tags|topics|author-bio|bio-box|pullquote|pull-quote|caption|credit|comments?|breadcrumbs?|live-box)(?:$|[-_\s])/i;

/** A furniture block is only removed when it is this small a share of the content (a mislabelled wrapper is kept). */
const MAX_FURNITURE_SHARE = 0.3;

const ELEMENT = 1;

const words = (s: string): number => (s.match(/\S+/g) ?? []).length;

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** Elements in document order below `root`, collected without recursion. */
function elementsBelow(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el !== root) out.push(el);
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.nodeType === ELEMENT) stack.push(kids[i]!);
  }
  return out;
}

/** Whether every item of a list is a link and nothing more: a list of other stories. */
function isLinkList(el: Element): boolean {
  const items = Array.from(el.children).filter((c) => c.localName === 'li');
  if (items.length === 0) return false;
  return items.every((li) => {
    const text = (li.textContent ?? '').replace(/\s+/g, ' ').trim();
    const linked = Array.from(li.querySelectorAll('a')).reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, ' ').trim().length, 0);
    return text.length === 0 || linked >= 0.8 * text.length;
  });
}

/** Paragraphs of article prose (this many words) inside an element: a block holding several is no furniture. */
const PROSE_WORDS = 40;

function isLabelledFurniture(el: Element, total: number): boolean {
  const label = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!FURNITURE_LABEL.test(label) || textLength(el) > MAX_FURNITURE_SHARE * total) return false;
  let prose = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) if (words(p.textContent ?? '') >= PROSE_WORDS && ++prose >= 2) return false;
  return true;
}

/**
 * Removes the blocks a page labels as furniture (class or id: share bars, newsletter boxes, author bios…)
 * from the page before Readability reads it: Readability drops class names and unwraps a block around a
 * single paragraph, after which nothing tells an author's bio from the story.
 */
export function removeLabelledFurniture(body: Element): void {
  const total = Math.max(1, textLength(body));
  const doomed = elementsBelow(body).filter((el) => isLabelledFurniture(el, total));
  for (const el of doomed) el.remove();
}

/** Removes furniture elements from the article content (Readability's, which may be changed). */
export function removeFurnitureElements(content: Element): void {
  const total = Math.max(1, textLength(content));
  const doomed: Element[] = [];
  for (const el of elementsBelow(content)) {
    const name = el.localName;
    if (name === 'figcaption' || (name === 'figure' && el.querySelector('img, picture, video, iframe') !== null)) doomed.push(el);
    else if (name === 'aside' || name === 'nav' || name === 'form') doomed.push(el);
    else if ((name === 'ul' || name === 'ol') && isLinkList(el)) doomed.push(el);
    else if (isLabelledFurniture(el, total)) doomed.push(el);
  }
  // Removing an element also removes those inside it; removing those again is harmless.
  for (const el of doomed) el.remove();
}

/** Paragraphs that say they are furniture: "Read more: …", "Advertisement", "Sign up for our newsletter". */
const FURNITURE_TEXT =
  /^(?:read more|more from|related(?: stories| articles| coverage)?|also read|see also|recommended|next story|previous story|advertisement|sponsored(?: content)?|sign up|subscribe|follow us|share this|share on|click here|listen to this article|this article is more than|watch|photo|image|credit|pictured)\b\s*[:|—–-]?/i;
/** "Updated March 20, 2024, 3:05 PM ET", "Published 14 February 2024". */
const TIMESTAMP = /^(?:updated|published|posted|last updated|first published)\b.{0,40}(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const MAX_FURNITURE_WORDS = 25;
const MAX_PULL_QUOTE_CHECKS = 64;

/** Text compared loosely: case, punctuation and spacing do not matter. */
const loose = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface PageNames {
  title: string | null;
  byline: string | null;
}

/**
 * Indexes of the paragraphs to drop: furniture by what it says (short), the headline or byline printed again
 * near the top, and a pull quote repeating words of a longer paragraph.
 */
export function furnitureParagraphs(paragraphs: readonly string[], names: PageNames): Set<number> {
  const drop = new Set<number>();
  const title = names.title ? loose(names.title) : '';
  const byline = names.byline ? loose(names.byline) : '';
  const texts = paragraphs.map(loose);
  paragraphs.forEach((p, i) => {
    const n = words(p);
    if (n <= MAX_FURNITURE_WORDS && FURNITURE_TEXT.test(p)) drop.add(i);
    else if (n <= 12 && TIMESTAMP.test(p)) drop.add(i);
    // The headline again (the first paragraph as the title exactly is the headline itself: kept, and mapped).
    else if (i < 4 && title !== '' && !(i === 0 && p === names.title) && (texts[i] === title || (texts[i]!.startsWith(title) && n <= words(names.title!) + 6))) drop.add(i);
    else if (i < 4 && byline !== '' && n <= 20 && (texts[i] === byline || texts[i] === `by ${byline}` || (/^by\s/i.test(p) && texts[i]!.includes(byline)))) drop.add(i);
  });
  // Pull quotes: a short paragraph whose words stand, in order, inside another paragraph (a longer one,
  // or an earlier copy). Looked up in all the paragraphs joined once; a page has a few pull quotes, and a
  // bound on the look-ups keeps a page of many short lines linear.
  const starts: number[] = [];
  let joined = '';
  for (const t of texts) {
    starts.push(joined.length);
    joined += `${t} | `;
  }
  const paragraphAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let checked = 0;
  texts.forEach((t, i) => {
    if (drop.has(i) || words(t) > MAX_FURNITURE_WORDS || words(t) < 4 || ++checked > MAX_PULL_QUOTE_CHECKS) return;
    for (let at = joined.indexOf(t); at >= 0; at = joined.indexOf(t, at + 1)) {
      const j = paragraphAt(at);
      if (j !== i && (texts[j]!.length > t.length || j < i)) {
        drop.add(i);
        return;
      }
    }
  });
  return drop;
}
