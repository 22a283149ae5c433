/**
 * Articles built like the seed but with other outlets, places, reports and sources: the chains must come
 * out the same way, which shows they are computed by rules, not remembered.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../src/index.js';

const kindsOf = (a: Analysis, fragment: string): string[] => {
  const claim = a.claims.find((c) => c.text.includes(fragment));
  if (!claim) throw new Error(`no claim contains "${fragment}"`);
  return claim.chain.map((id) => a.sources.find((s) => s.id === id)!.kind);
};
const sourceOf = (a: Analysis, fragment: string) => {
  const claim = a.claims.find((c) => c.text.includes(fragment))!;
  return a.sources.find((s) => s.id === claim.chain[claim.chain.length - 1])!;
};

const articles = [
  {
    name: 'Nairobi Courier / Daily Nation study',
    text: `Kenya Faces Questions Over Border Camps

by Jane Mwangi |

Nairobi (The Nairobi Courier): The government is once again facing criticism over its border policy. A detailed study reveals that officials diverted relief funds to private contractors.

According to a study published by Uganda’s leading newspaper Daily Monitor, “The ministry has quietly expanded the camps. The expansion reportedly began last spring.”

The study further states that the contractors received payments without any audit.

Quoting senior police sources, the study adds that the camps are guarded by private militias. They are being paid in cash by the ministry.
`,
    outlet: 'The Nairobi Courier',
    publisher: 'Daily Monitor',
    head: 'study',
    anonymous: 'senior police sources',
    ownVoice: 'facing criticism over its border policy',
    viaPublisher: ['diverted relief funds', 'received payments without any audit'],
    innermost: 'guarded by private militias',
    continued: 'They are being paid in cash',
    hedged: 'The expansion reportedly began',
  },
  {
    name: 'Lima Herald / El Comercio report',
    text: `Secret Deals at the Port

By Carlos Ruiz

Lima (Lima Herald): The port authority is emerging as the centre of a smuggling network. A detailed report reveals that customs officers accepted bribes from shipping firms.

According to a report published by Peru's leading news outlet El Comercio, "Customs officers have long looked the other way. Inspections were allegedly skipped for months."

The report further states that the shipping firms paid the officers through shell companies.

Quoting anonymous intelligence officials, the report adds that the network moves weapons as well as goods. They are believed to be stored in warehouses near the docks.
`,
    outlet: 'Lima Herald',
    publisher: 'El Comercio',
    head: 'report',
    anonymous: 'anonymous intelligence officials',
    ownVoice: 'emerging as the centre of a smuggling network',
    viaPublisher: ['accepted bribes from shipping firms', 'paid the officers through shell companies'],
    innermost: 'moves weapons as well as goods',
    continued: 'They are believed to be stored',
    hedged: 'Inspections were allegedly skipped',
  },
];

describe.each(articles)('same structure as the seed: $name', (article) => {
  const a = analyze(article.text);

  it('finds the outlet from the dateline and the byline', () => {
    expect(a.document.outlet).toBe(article.outlet);
    expect(a.document.byline).not.toBeNull();
  });

  it('gives the outlet its own voice', () => {
    expect(kindsOf(a, article.ownVoice)).toEqual(['outlet']);
  });

  it('merges every mention of the report into the publisher\'s report', () => {
    for (const fragment of article.viaPublisher) {
      expect(kindsOf(a, fragment)).toEqual(['outlet', 'media']);
      expect(sourceOf(a, fragment).outlet).toBe(article.publisher);
      expect(sourceOf(a, fragment).head).toBe(article.head);
    }
    expect(a.sources.filter((s) => s.kind === 'media')).toHaveLength(1);
  });

  it('chains the quoted anonymous sources inside the report', () => {
    expect(kindsOf(a, article.innermost)).toEqual(['outlet', 'media', 'anonymous']);
    expect(sourceOf(a, article.innermost).name).toBe(article.anonymous);
    expect(sourceOf(a, article.innermost).named).toBe(false);
  });

  it('carries the chain into the next sentence, marked continued', () => {
    const claim = a.claims.find((c) => c.text.includes(article.continued))!;
    expect(claim.continued).toBe(true);
    expect(kindsOf(a, article.continued)).toEqual(['outlet', 'media', 'anonymous']);
  });

  it('attaches the hedge inside the multi-sentence quote', () => {
    const claim = a.claims.find((c) => c.text.includes(article.hedged))!;
    expect(claim.hedges).toHaveLength(1);
    expect(kindsOf(a, article.hedged)).toEqual(['outlet', 'media']);
  });
});
