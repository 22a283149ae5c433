/**
 * The attribution rules, table-driven: [text, expected relations as {source, cue, content}]. The rules
 * alone are tested here (`tagger: false`); the tagger is measured on PolNeAR (eval attribution).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline.js';
import { subjectsLeftOut, shareSubjects, splitCitedAsSaying, type RawAttribution } from './attribution.js';
import { segment } from '../segment/segment.js';

interface Rel {
  source: string;
  cue: string;
  content: string;
}

function relations(text: string): Rel[] {
  const a = analyze(text, { format: 'text', tagger: false });
  const t = a.document.text;
  return a.attributions.map((r) => ({
    source: r.sourceSpan ? t.slice(r.sourceSpan.start, r.sourceSpan.end) : '',
    cue: t.slice(r.cue.start, r.cue.end),
    content: t.slice(r.content.start, r.content.end),
  }));
}

describe('attribution relations', () => {
  it.each<[string, string, Rel[]]>([
    ['indirect with that', 'The minister said that the bridge would reopen in May.', [{ source: 'The minister', cue: 'said', content: 'that the bridge would reopen in May' }]],
    ['indirect without that', 'Officials said the bridge would reopen in May.', [{ source: 'Officials', cue: 'said', content: 'the bridge would reopen in May' }]],
    ['told an addressee', 'The mayor told reporters that the budget was balanced.', [{ source: 'The mayor', cue: 'told', content: 'that the budget was balanced' }]],
    ['auxiliaries and adverbs in the cue', 'The company has also said that profits fell.', [{ source: 'The company', cue: 'has also said', content: 'that profits fell' }]],
    ['quote then speaker', '“We will not back down,” the senator said.', [{ source: 'the senator', cue: 'said', content: '“We will not back down,”' }]],
    ['quote then inverted speaker', '“We will not back down,” said Maria Lopez.', [{ source: 'Maria Lopez', cue: 'said', content: '“We will not back down,”' }]],
    ['quote then pronoun', '"Prices will rise," he warned.', [{ source: 'he', cue: 'warned', content: '"Prices will rise,"' }]],
    ['trailing anonymous source', 'The convoy was attacked near the border, sources said.', [{ source: 'sources', cue: 'said', content: 'The convoy was attacked near the border' }]],
    ['according to, leading', 'According to the ministry, 40 people were arrested.', [{ source: 'the ministry', cue: 'According to', content: '40 people were arrested' }]],
    ['according to, trailing', '40 people were arrested, according to police.', [{ source: 'police', cue: 'according to', content: '40 people were arrested' }]],
    ['according to, between commas', 'The plan is, according to one aide, dead on arrival.', [{ source: 'one aide', cue: 'according to', content: 'The plan is, according to one aide, dead on arrival' }]],
    ['in the words of, leading', 'In the words of the mayor, the city will not bend.', [{ source: 'the mayor', cue: 'In the words of', content: 'the city will not bend' }]],
    ['in the words of, between commas, a quote after', 'The plan is, in the words of one aide, "dead on arrival."', [{ source: 'one aide', cue: 'in the words of', content: 'The plan is, in the words of one aide, "dead on arrival."' }]],
    ['colon lead-in with a verb', 'The governor said: “The state is ready for the storm.”', [{ source: 'The governor', cue: 'said', content: '“The state is ready for the storm.”' }]],
    ['colon lead-in without a verb', 'Johnson: “We have nothing to hide from anyone here.”', [{ source: 'Johnson', cue: ':', content: '“We have nothing to hide from anyone here.”' }]],
    ['dash attribution', '“We have nothing to hide from anyone here.” — Johnson', [{ source: 'Johnson', cue: '—', content: '“We have nothing to hide from anyone here.”' }]],
    ['a clause about the speaker, then a colon and a quote', 'The finance director, Alma Reyes, was blunt: “There is no money left.”', [{ source: 'The finance director, Alma Reyes', cue: 'was blunt:', content: '“There is no money left.”' }]],
    ['a clause ending its paragraph in a colon, the quote in the next', 'Caddell continued:\n\n"The health issue is a partisan issue."', [{ source: 'Caddell', cue: 'continued:', content: '"The health issue is a partisan issue."' }]],
    ['no speaker in a clause about a thing', 'The problem is simple: “There is no money left.”', []],
    ['parenthetical source and cue', 'The plan, he said, is dead.', [{ source: 'he', cue: 'said', content: 'The plan, he said, is dead' }]],
    ['parenthetical after a clause', 'When the gates opened, officials said, hundreds of people rushed in.', [{ source: 'officials', cue: 'said', content: 'When the gates opened, officials said, hundreds of people rushed in' }]],
    ['no parenthetical without a clause after', 'Apples, pears and plums, she said.', [{ source: 'she', cue: 'said', content: 'Apples, pears and plums' }]],
    ['dash attribution with an apposition', '"This is a disaster" — Tom Baker, a farmer.', [{ source: 'Tom Baker', cue: '—', content: '"This is a disaster"' }]],
    ['dash attribution, straight quotes, apposition with a place', '"We lost everything" – Ann Lee, a farmer in Iowa', [{ source: 'Ann Lee', cue: '–', content: '"We lost everything"' }]],
    ['a relative clause between the source and the cue', 'The sources, who spoke on condition of anonymity, said that dozens of operatives arrived.', [{ source: 'The sources', cue: 'said', content: 'that dozens of operatives arrived' }]],
    ['appositive description', 'Hugh Hill, a doctor, said the clinic had run out of insulin.', [{ source: 'Hugh Hill, a doctor', cue: 'said', content: 'the clinic had run out of insulin' }]],
    ['noun cue with possessive', "The opposition's claim that the vote was rigged spread quickly.", [{ source: 'The opposition', cue: 'claim', content: 'that the vote was rigged spread quickly' }]],
    ['mixed quote', 'She said the plan was “a recipe for disaster” for the region.', [{ source: 'She', cue: 'said', content: 'the plan was “a recipe for disaster” for the region' }]],
    ['reveals that', 'A leaked memo reveals that the agency knew of the flaw.', [{ source: 'A leaked memo', cue: 'reveals', content: 'that the agency knew of the flaw' }]],
    ['no attribution in plain narration', 'The bridge collapsed on Tuesday after heavy rain.', []],
    // A reporting participle after "X said," opens a clause of its own: the quote before is still X's.
    ['quote then speaker, then "adding that"', '"We will win this race," Sanders said, adding that the polls were wrong.', [{ source: 'Sanders', cue: 'said', content: '"We will win this race,"' }]],
    // A participle is not an inverted "said X": what follows it is its object.
    ['no speaker after a participle', '"We will win this race," Sanders said, suggesting a few questions.', [{ source: 'Sanders', cue: 'said', content: '"We will win this race,"' }]],
  ])('%s', (_name, text, expected) => {
    expect(relations(text)).toEqual(expected);
  });

  it('quoting X, Y adds that …: two relations, the quoted source nested in the reporting one', () => {
    const text = 'Quoting senior officials, the newspaper adds that the talks have collapsed.';
    const a = analyze(text, { tagger: false });
    expect(a.attributions).toHaveLength(2);
    const [outer, inner] = a.attributions;
    expect(text.slice(outer!.sourceSpan!.start, outer!.sourceSpan!.end)).toBe('the newspaper');
    expect(text.slice(inner!.sourceSpan!.start, inner!.sourceSpan!.end)).toBe('senior officials');
    expect(inner!.parent).toBe(outer!.id);
    expect(a.claims[0]!.chain).toEqual(['s0', outer!.source, inner!.source]);
  });

  it('a quote paragraph after "X said:" is X\'s content', () => {
    const text = 'The spokesman said:\n\n“We will respond at a time of our choosing.”';
    expect(relations(text)).toEqual([{ source: 'The spokesman', cue: 'said', content: '“We will respond at a time of our choosing.”' }]);
  });

  it('nests "X told Y that …, the source added" inside the trailing source', () => {
    const text = 'Clinton had told police officials that she did not want the escort, the source added.';
    const a = analyze(text, { tagger: false });
    const told = a.attributions.find((r) => text.slice(r.cue.start, r.cue.end) === 'had told')!;
    const added = a.attributions.find((r) => text.slice(r.cue.start, r.cue.end) === 'added')!;
    expect(text.slice(told.content.start, told.content.end)).toBe('that she did not want the escort');
    expect(told.parent).toBe(added.id);
  });
});

describe('a cue verb coordinated with an earlier one shares its subject', () => {
  /** A verb relation over the first occurrence of each part (source '' for none). */
  const rel = (text: string, source: string, cue: string, content: string): RawAttribution => {
    const at = (part: string, from = 0) => ({ start: text.indexOf(part, from), end: text.indexOf(part, from) + part.length });
    const c = at(cue, source ? text.indexOf(source) : 0);
    return { sourceSpan: source ? at(source) : null, cue: c, cueLemma: cue, cueType: 'verb', content: at(content, c.end), type: 'indirect', rule: 'attribution/tagger', evidence: cue, score: 1, parent: null };
  };
  const shown = (text: string, rels: RawAttribution[]) =>
    rels.map((r) => [r.sourceSpan ? text.slice(r.sourceSpan.start, r.sourceSpan.end) : '', text.slice(r.cue.start, r.cue.end), text.slice(r.content.start, r.content.end), r.rule]);

  it.each<[string, string, Array<[string, string, string]>, string[][]]>([
    ['and said', 'Officials called the plan “a disaster” and said it would fail.', [['Officials', 'called', 'the plan “a disaster” and said it would fail'], ['', 'said', 'it would fail']],
      [['Officials', 'called', 'the plan “a disaster”', 'attribution/tagger'], ['Officials', 'said', 'it would fail', 'attribution/tagger+shared-subject']]],
    ['but later said', 'The senator criticized the bill but later said she would vote for it.', [['The senator', 'criticized', 'the bill'], ['', 'said', 'she would vote for it']],
      [['The senator', 'criticized', 'the bill', 'attribution/tagger'], ['The senator', 'said', 'she would vote for it', 'attribution/tagger+shared-subject']]],
    ['a participle after a comma', 'The ministry denied the report, calling it “pure fabrication.”', [['The ministry', 'denied', 'the report'], ['', 'calling', 'it “pure fabrication.”']],
      [['The ministry', 'denied', 'the report', 'attribution/tagger'], ['The ministry', 'calling', 'it “pure fabrication.”', 'attribution/tagger+shared-subject']]],
    ['not a finite verb after a comma', 'The ministry denied the report, said the talks would go on.', [['The ministry', 'denied', 'the report'], ['', 'said', 'the talks would go on']],
      [['The ministry', 'denied', 'the report', 'attribution/tagger'], ['', 'said', 'the talks would go on', 'attribution/tagger']]],
    ['not over a full stop', 'The ministry denied the report. And said nothing else.', [['The ministry', 'denied', 'the report'], ['', 'said', 'nothing else']],
      [['The ministry', 'denied', 'the report', 'attribution/tagger'], ['', 'said', 'nothing else', 'attribution/tagger']]],
    ['not a clause of its own', 'She praised the deal, and as critics said, it was rushed.', [['She', 'praised', 'the deal'], ['', 'as critics said', 'it was rushed']],
      [['She', 'praised', 'the deal', 'attribution/tagger'], ['', 'as critics said', 'it was rushed', 'attribution/tagger']]],
    ['not without a conjunction', 'Officials denied the report, said the talks would go on.', [['Officials', 'denied', 'the report'], ['', 'said', 'the talks would go on']],
      [['Officials', 'denied', 'the report', 'attribution/tagger'], ['', 'said', 'the talks would go on', 'attribution/tagger']]],
    ['a full stop inside quoted words does not end the clause', 'He called it “a farce. A sham.” and said it would fail.', [['He', 'called', 'it “a farce. A sham.”'], ['', 'said', 'it would fail']],
      [['He', 'called', 'it “a farce. A sham.”', 'attribution/tagger'], ['He', 'said', 'it would fail', 'attribution/tagger+shared-subject']]],
  ])('%s', (_name, text, given, expected) => {
    const rels = given.map(([source, cue, content]) => rel(text, source, cue, content));
    shareSubjects(text, rels);
    expect(shown(text, rels)).toEqual(expected);
  });

  it('in the pipeline, the second relation reaches the claims with the shared source', () => {
    const a = analyze('Officials denied the report and said the talks would go on.');
    const said = a.attributions.find((r) => r.evidence === 'said')!;
    expect(said.source).not.toBeNull();
    expect(a.sources.find((s) => s.id === said.source)!.name).toBe('Officials');
    expect(a.claims.map((c) => c.text)).toContain('the talks would go on');
  });
});

describe('"X cited Y as saying Z": Y is an inner source of Z', () => {
  it.each<[string, string, [string, string, string], [string, string, string] | null]>([
    ['cited … as saying that', 'The report cited two people familiar with the matter as saying that three brigades had moved.',
      ['The report', 'cited', 'three brigades had moved'], ['two people familiar with the matter', 'as saying', 'three brigades had moved']],
    ['quoted … as saying', 'CNN quoted a witness as saying he heard gunfire.', ['CNN', 'quoted', 'he heard gunfire'], ['a witness', 'as saying', 'he heard gunfire']],
    ['cited without "as saying": one relation', 'The report cited a shortage of funds.', ['The report', 'cited', 'a shortage of funds'], null],
    ['another verb: one relation', 'The report said officials were seen as saying little.', ['The report', 'said', 'officials were seen as saying little'], null],
  ])('%s', (_name, text, outer, inner) => {
    const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
    const [source, cue] = outer;
    const rels: RawAttribution[] = [{ sourceSpan: at(source), cue: at(cue), cueLemma: cue === 'said' ? 'say' : cue === 'cited' ? 'cite' : 'quote', cueType: 'verb', content: at(text.slice(text.indexOf(cue) + cue.length + 1, -1)), type: 'indirect', rule: 'attribution/tagger', evidence: cue, score: 1, parent: null }];
    const out = splitCitedAsSaying(text, rels);
    const show = (r: RawAttribution) => [text.slice(r.sourceSpan!.start, r.sourceSpan!.end), text.slice(r.cue.start, r.cue.end), text.slice(r.content.start, r.content.end)];
    expect(out.map(show)).toEqual(inner ? [outer, inner] : [outer]);
    if (inner) expect(out[1]!.parent).toBe(0);
  });

  it('in the pipeline, the claim reads outlet → report → the people it cites', () => {
    const a = analyze('KYIV (Reuters) - The report, by the daily Izvestia, cited two people familiar with the matter as saying that three brigades had moved east.');
    const claim = a.claims.find((c) => c.text.startsWith('three brigades'))!;
    const names = claim.chain.map((id) => a.sources.find((s) => s.id === id)!);
    expect(names.map((s) => s.kind)).toEqual(['outlet', 'media', 'anonymous']);
    expect(names[1]!.name).toBe('Izvestia');
  });
});

describe('subjects the tagger leaves out of passive, citing and relative-clause phrasings', () => {
  /** Runs the repair on one sourceless verb relation given by its cue and content. */
  const repaired = (text: string, cue: string, content: string, extra: Array<[string, string]> = []) => {
    const { sentences, tokens } = segment(text);
    const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
    const rel = (c: string, x: string): RawAttribution => ({ sourceSpan: null, cue: at(c), cueLemma: 'say', cueType: 'verb', content: at(x), type: 'indirect', rule: 'attribution/tagger', evidence: c, score: 1, parent: null });
    const out = subjectsLeftOut(text, sentences, tokens, [...extra.map(([c, x]) => rel(c, x)), rel(cue, content)]);
    return out.map((r) => [r.sourceSpan ? text.slice(r.sourceSpan.start, r.sourceSpan.end) : '', text.slice(r.content.start, r.content.end), r.parent === null ? '' : text.slice(out[r.parent]!.sourceSpan!.start, out[r.parent]!.sourceSpan!.end)]);
  };

  it.each<[string, string, string, string, string[][]]>([
    ['quoted by Y as saying', 'President Vladimir Putin was quoted by TASS as saying that Moscow would respond.', 'was quoted by TASS as', 'saying that Moscow would respond',
      [['TASS', 'Moscow would respond', ''], ['President Vladimir Putin', 'Moscow would respond', 'TASS']]],
    ['quoted as saying, no quoter', 'The minister was quoted as saying the plan was dead.', 'was quoted as', 'saying the plan was dead', [['The minister', 'the plan was dead', '']]],
    ['is reported to have said', 'Peskov is reported to have said that the decision was final.', 'is reported to have said', 'that the decision was final', [['Peskov', 'that the decision was final', '']]],
    ['about its subject, not by it', 'They are believed to be stored near the docks.', 'are believed', 'to be stored near the docks', [['', 'to be stored near the docks', '']]],
    ['not after a clause', 'When the troops left, it was reported that the town fell.', 'was reported', 'that the town fell', [['', 'that the town fell', '']]],
    ['a relative clause between subject and verb', 'On "Face the Nation," Sen. Bernie Sanders (Vt.), who lost the primaries to Clinton, said the young were tired of bigotry.', 'said', 'the young were tired of bigotry',
      [['Sen. Bernie Sanders (Vt.)', 'the young were tired of bigotry', '']]],
    ['a conjunction before the subject', 'But the coalition, which met on Monday, said it would stay neutral.', 'said', 'it would stay neutral', [['the coalition', 'it would stay neutral', '']]],
  ])('%s', (_name, text, cue, content, expected) => {
    expect(repaired(text, cue, content)).toEqual(expected);
  });

  it('"X, citing Y, said": X is the source, Y the inner source (the tagger\'s own "citing" relation becomes that link)', () => {
    const text = 'The newspaper, citing unnamed officials, said the talks had stalled.';
    expect(repaired(text, 'said', 'the talks had stalled', [['citing', 'unnamed officials']])).toEqual([
      ['unnamed officials', 'the talks had stalled', 'The newspaper'],
      ['The newspaper', 'the talks had stalled', ''],
    ]);
  });

  it('in the pipeline, the claims read outlet → quoter → speaker', () => {
    const a = analyze('President Vladimir Putin was quoted by TASS as saying that Moscow would respond to any strike.\n\nThe newspaper, citing unnamed officials, said the talks had stalled.');
    const chain = (start: string) => a.claims.find((c) => c.text.startsWith(start))!.chain.map((id) => a.sources.find((s) => s.id === id)!.name);
    expect(chain('Moscow')).toEqual(['the article', 'TASS', 'Vladimir Putin']);
    expect(chain('the talks')).toEqual(['the article', 'newspaper', 'unnamed officials']);
  });
});

describe('"I" in words whose speaker is named after them', () => {
  it('is that speaker, once the name is read', () => {
    const text = '"I think what she has got to do is contrast, get away from all of this personality stuff. And start talking about the real issues," Sanders said.';
    // The rules alone: the relation of "I think" and the one of "Sanders said" that holds it.
    const a = analyze(text, { format: 'text', tagger: false });
    const i = a.sourceMentions.find((m) => m.evidence === 'I')!;
    expect(i.rule).toBe('source/pronoun-speaker');
    expect(a.sources.find((s) => s.id === i.source)!.name).toBe('Sanders');
    expect(a.sources.some((s) => s.unresolved)).toBe(false);
  });
});

describe('sources', () => {
  it('flags a pronoun with no antecedent as unresolved instead of guessing', () => {
    const a = analyze('“The deal is off,” he said.', { tagger: false });
    const source = a.sources.find((s) => s.id === a.attributions[0]!.source)!;
    expect(source.unresolved).toBe(true);
    expect(source.kind).toBe('unknown');
  });

  it('resolves a pronoun to the one person quoted before', () => {
    const a = analyze('Senator Maria Lopez said the bill was dead. “It will not pass,” she added.', { tagger: false });
    expect(a.attributions.map((r) => r.source)).toEqual(['s1', 's1']);
    expect(a.sources[1]).toMatchObject({ name: 'Maria Lopez', kind: 'person', named: true, unresolved: false });
  });

  it('resolves "I" inside someone\'s quoted words to that speaker', () => {
    const text = 'Senator Maria Lopez said: “I think the deal is dead.”';
    const a = analyze(text, { tagger: false });
    const inner = a.attributions.find((r) => text.slice(r.cue.start, r.cue.end) === 'think')!;
    expect(inner.parent).not.toBeNull();
    expect(inner.source).toBe(a.attributions.find((r) => r.id === inner.parent)!.source);
    expect(a.sourceMentions.find((m) => text.slice(m.start, m.end) === 'I')!.rule).toBe('source/pronoun-speaker');
  });

  it('reads a transcript turn as its speaker\'s words for the whole paragraph', () => {
    const text = 'WALLACE: Let’s start with the news. The debate is tomorrow.\n\nPENCE: It matters a great deal to voters.';
    const a = analyze(text, { tagger: false });
    const turns = a.attributions.filter((r) => r.rule === 'attribution/colon-lead-in');
    expect(turns.map((r) => text.slice(r.content.start, r.content.end))).toEqual([
      'Let’s start with the news. The debate is tomorrow',
      'It matters a great deal to voters',
    ]);
    expect(turns.map((r) => a.sources.find((s) => s.id === r.source)!.kind)).toEqual(['person', 'person']);
  });

  it('does not guess between two people', () => {
    const a = analyze('John Smith said the bill was dead. Peter Jones said it would pass. “It is over,” he said.', { tagger: false });
    const last = a.sources.find((s) => s.id === a.attributions[2]!.source)!;
    expect(last.unresolved).toBe(true);
  });

  it.each<[string, string, string, boolean]>([
    ['U.S. President Donald Trump said that talks had failed.', 'Donald Trump', 'person', true],
    ['Intelligence sources said that talks had failed.', 'Intelligence sources', 'anonymous', false],
    ['A senior official said that talks had failed.', 'senior official', 'anonymous', false],
    ['The Ministry of Defence said that talks had failed.', 'Ministry of Defence', 'organization', true],
    ['The New York Times reported that talks had failed.', 'New York Times', 'media', true],
    ['A report by Reuters said that talks had failed.', 'Reuters', 'media', true],
    ['A new study said that talks had failed.', 'new study', 'document', false],
  ])('%s → %s (%s)', (text, name, kind, named) => {
    const a = analyze(text, { tagger: false });
    expect(a.sources[1]).toMatchObject({ name, kind, named });
  });
});

describe('prepositional cues a user adds', () => {
  it('takes "as reported by" from a lexicon extension as one cue; without it, the parse rule reads "reported"', () => {
    const text = 'As reported by the Gazette, the mill will close in June.';
    const found = (lexicon?: { cuePhrases: string[] }) =>
      analyze(text, { format: 'text', tagger: false, ...(lexicon ? { lexicon } : {}) }).attributions.map((r) => [
        text.slice(r.cue.start, r.cue.end),
        r.sourceSpan ? text.slice(r.sourceSpan.start, r.sourceSpan.end) : null,
        r.rule,
      ]);
    expect(found()).toEqual([['reported', 'the Gazette', 'attribution/parse-as-reported-by']]);
    expect(found({ cuePhrases: ['As reported by'] })).toEqual([['As reported by', 'the Gazette', 'attribution/according-to']]);
  });
});
