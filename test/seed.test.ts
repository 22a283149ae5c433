/**
 * The canonical case: every allegation in the seed rests on one outlet quoting another quoting anonymous
 * sources. These assertions are computed by the pipeline's rules; test/structure.test.ts checks that the
 * same rules give the same chains on other articles built the same way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import type { Analysis, Claim, Source } from '../src/index.js';
import { ROOT } from './support/shared.js';

const seed = readFileSync(path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt'), 'utf8');
const analysis = analyze(seed, { name: 'uttam-hindu-pakistan-hamas.txt' });

function claimContaining(a: Analysis, fragment: string): Claim {
  const found = a.claims.filter((c) => c.text.includes(fragment));
  expect(found, `one claim containing "${fragment}"`).toHaveLength(1);
  return found[0]!;
}

function chainOf(a: Analysis, claim: Claim): Source[] {
  return claim.chain.map((id) => a.sources.find((s) => s.id === id)!);
}

describe('seed article: The Uttam Hindu → Blitz → anonymous sources', () => {
  it('reads the header: headline, byline, dateline place and outlet', () => {
    expect(analysis.document.title).toBe('Pakistan’s Secret Alliance with Hamas: A Growing Global Security Nightmare');
    expect(analysis.document.byline).toBe('Tannu');
    expect(analysis.document.outlet).toBe('The Uttam Hindu');
    expect(analysis.document.place).toBe('Islamabad');
    expect(analysis.document.text).toBe(seed);
  });

  it('"Hamas representatives are freely operating…" rests on Blitz quoting reliable intelligence sources', () => {
    const chain = chainOf(analysis, claimContaining(analysis, 'Hamas representatives are freely operating on Pakistani soil'));
    expect(chain.map((s) => s.kind)).toEqual(['outlet', 'media', 'anonymous']);
    expect(chain[0]!.name).toBe('The Uttam Hindu');
    expect(chain[1]!.outlet).toBe('Blitz');
    expect(chain[1]!.head).toBe('report');
    expect(chain[2]!.name).toBe('reliable intelligence sources');
    expect(chain[2]!.named).toBe(false);
    expect(chain[2]!.descriptors).toEqual(expect.arrayContaining(['reliable', 'intelligence']));
  });

  it('"Pakistan continues to provide refuge…" rests on the Blitz report', () => {
    const claim = claimContaining(analysis, 'Pakistan continues to provide refuge, resources, and military expertise');
    expect(chainOf(analysis, claim).map((s) => s.kind)).toEqual(['outlet', 'media']);
    expect(chainOf(analysis, claim)[1]!.outlet).toBe('Blitz');
  });

  it('"A detailed report reveals…" is the same Blitz report source', () => {
    const claim = claimContaining(analysis, 'Pakistan is simultaneously providing shelter and assistance');
    const blitz = analysis.sources.find((s) => s.outlet === 'Blitz')!;
    expect(claim.chain).toEqual(['s0', blitz.id]);
    // "A detailed report", "a report published by … Blitz", "The report", "the report": one source.
    const mentions = blitz.mentions.map((m) => seed.slice(m.start, m.end));
    expect(mentions).toEqual(['A detailed report', 'a report published by Bangladesh’s leading media outlet Blitz', 'The report', 'the report']);
    expect(analysis.sources.filter((s) => s.kind === 'media' || s.kind === 'document')).toHaveLength(1);
  });

  it('the ISI-training claim carries the hedge "reportedly"', () => {
    const claim = claimContaining(analysis, 'reportedly training Hamas operatives');
    expect(claim.hedges.map((h) => h.text)).toContain('reportedly');
    expect(chainOf(analysis, claim).map((s) => s.kind)).toEqual(['outlet', 'media']);
  });

  it('"…emerging as a serious threat to global security" is the outlet\'s own voice', () => {
    const claim = claimContaining(analysis, 'is once again emerging as a serious threat to global security');
    expect(claim.chain).toEqual(['s0']);
    expect(claim.text.startsWith('Pakistan, which once sheltered')).toBe(true); // the dateline is not part of the claim
  });

  it('"They are being trained…" continues the report\'s speech and inherits its chain', () => {
    const claim = claimContaining(analysis, 'They are being trained at secret camps');
    expect(claim.continued).toBe(true);
    expect(chainOf(analysis, claim).map((s) => s.kind)).toEqual(['outlet', 'media', 'anonymous']);
  });

  it('the byline, repeated headline and page furniture hold no claims', () => {
    for (const fragment of ['by Tannu', 'Next Story']) {
      expect(analysis.claims.some((c) => c.text.includes(fragment))).toBe(false);
    }
    expect(analysis.claims.filter((c) => c.headline)).toHaveLength(1);
  });

  it('profile: the longest chain is outlet → media report → anonymous sources', () => {
    const kinds = analysis.profile.longestChain.map((id) => analysis.sources.find((s) => s.id === id)!.kind);
    expect(kinds).toEqual(['outlet', 'media', 'anonymous']);
    expect(analysis.profile.anonymous).toBeGreaterThanOrEqual(2);
    expect(analysis.profile.claims).toBe(analysis.claims.length);
  });
});
