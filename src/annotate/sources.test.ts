import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline.js';
import { segment } from '../segment/segment.js';
import { sourceReferent, surnameMatch } from './sources.js';

describe('sourceReferent: a relative clause given as a source names the noun phrase before it; a publisher between commas joins it', () => {
  it.each([
    ['The sources, who spoke on condition of anonymity, said it.', 'who spoke on condition of anonymity,', 'The sources'],
    ['Two senior officials, who asked not to be named, said so.', 'who asked not to be named,', 'Two senior officials'],
    ['The Atlas, which examines counties, says so.', 'which examines counties,', 'The Atlas'],
    // The relative word is what is said, not who says it: the subject after it is the source.
    ['The river, which officials say is rising fast, could burst its banks.', 'which officials', 'officials'],
    ['The plan, which the mayor said was final, is dead.', 'which the mayor', 'the mayor'],
    // Not after a comma, or not a relative pronoun: the span stays as given.
    ['Voters who lost their insurance said so.', 'who lost their insurance', 'who lost their insurance'],
    ['The sources said it.', 'The sources', 'The sources'],
    // A publisher set off by commas belongs to the source; other participles do not.
    ['The report, published by the Daily Courier, claimed it.', 'The report', 'The report, published by the Daily Courier'],
    ['The study, commissioned by the ministry, found it.', 'The study', 'The study, commissioned by the ministry'],
    ['Officials, speaking in Kabul, said it.', 'Officials', 'Officials'],
    ['The report, published by the Daily Courier. It said so.', 'The report', 'The report'],
  ])('%j', (text, given, expected) => {
    const { tokens } = segment(text);
    const start = text.indexOf(given);
    const span = sourceReferent(text, tokens, { start, end: start + given.length });
    expect(text.slice(span.start, span.end)).toBe(expected);
  });

  it('merges "The sources, who spoke on condition of anonymity," with the intelligence sources named before', () => {
    const text =
      'Islamabad (The Daily Meridian): The ISI is training fighters, according to intelligence sources.\n\n' +
      'The sources, who spoke on condition of anonymity, said that dozens of operatives arrived in January.';
    const a = analyze(text, { format: 'text' });
    const names = a.sources.map((s) => s.name);
    expect(names).not.toContain('who spoke on condition of anonymity,');
    const said = a.attributions.find((x) => text.slice(x.cue.start, x.cue.end) === 'said');
    const source = a.sources.find((s) => s.id === said?.source);
    expect(source?.kind).toBe('anonymous');
    expect(source?.name).toMatch(/sources/);
  });

  it.each([
    ['According to the Capital Courier, the camps are open.', 'Capital Courier'],
    ['The Evening Sentinel reported that the camps are open.', 'Evening Sentinel'],
  ])('types a newspaper name as media: %j', (text, name) => {
    const source = analyze(text, { format: 'text' }).sources.find((s) => s.name.includes(name));
    expect(source?.kind).toBe('media');
  });
});

describe('pronouns agree in gender with the one person they may mean', () => {
  // [text, source of the last "said", resolved?]
  it.each<[string, string, boolean]>([
    ['Tom Baker said the farm flooded.\n\nShe said it would get worse.', 'She', false],
    ['Jane Ortiz said the roads were closed.\n\nShe said it would get worse.', 'Jane Ortiz', true],
    ['Tom Baker said the farm flooded.\n\nHe said it would get worse.', 'Tom Baker', true],
    ['Mr. Lee said the farm flooded.\n\nShe said it would get worse.', 'She', false],
    ['A spokeswoman, Kim Dale, said the farm flooded.\n\nHe said it would get worse.', 'He', false],
    // A name that tells nothing: the one person in reach is still meant.
    ['Officer Quill said the farm flooded.\n\nShe said it would get worse.', 'Quill', true],
    // Two people, one of whom fits.
    ['Tom Baker said the farm flooded. Jane Ortiz said the roads closed.\n\nHe said it would get worse.', 'Tom Baker', true],
    // Two men in reach, one of whom is the paragraph's speaker: he goes on.
    ['Bob Lee said the budget was a mess.\n\n“They lied to us,” said Tom Diaz, 54. He said he would sue.', 'Tom Diaz', true],
    ['Bob Lee said the budget was a mess.\n\n“They lied to us,” said Tom Diaz, 54. “We will win.” He said he would sue.', 'Tom Diaz', true],
    // The same two men, but the pronoun opens a paragraph of its own: never guessed.
    ['Bob Lee said the budget was a mess.\n\n“They lied to us,” said Tom Diaz, 54.\n\nHe said he would sue.', 'He', false],
    // Two men in the paragraph: never guessed, however near one of them is.
    ['Bob Lee said the budget was a mess, and Tom Diaz said it was fine. He said he would sue.', 'He', false],
    ['Bob Lee said the budget was a mess. Tom Diaz said it was fine. He said he would sue.', 'He', false],
  ])('%j', (text, expected, resolved) => {
    const a = analyze(text, { format: 'text' });
    const said = a.attributions.filter((x) => text.slice(x.cue.start, x.cue.end) === 'said').pop()!;
    const source = a.sources.find((s) => s.id === said.source)!;
    expect(source.name).toContain(expected);
    expect(source.unresolved).toBe(!resolved);
  });
});

describe('a named source is typed by its own phrase, not by what describes it', () => {
  it.each<[string, string, string]>([
    ['Hugh Hill, a doctor at the county hospital, said the ward was full.', 'Hugh Hill', 'person'],
    ['The Ministry of Defence said the base was closed.', 'Ministry of Defence', 'organization'],
    ['Mount Sinai Hospital said the ward was full.', 'Mount Sinai Hospital', 'organization'],
  ])('%j', (text, name, kind) => {
    const a = analyze(text, { format: 'text' });
    const source = a.sources.find((s) => s.name.includes(name));
    expect(source?.kind).toBe(kind);
  });
});

describe('people who share a surname', () => {
  it.each<[string, string, boolean]>([
    ['Donald Trump', 'Trump', true],
    ['Trump', 'Donald Trump', true],
    ['Donald Trump', 'Ivanka Trump', false],
    ['Hillary Clinton', 'Bill Clinton', false],
    ['John F. Kerry', 'J. Kerry', true],
    ['John Kerry', 'John F. Kerry', true],
    ['Trump', 'Trump', false],
    ['Tom Baker', 'Tom Diaz', false],
  ])('%s / %s: %s', (a, b, expected) => expect(surnameMatch(a, b)).toBe(expected));

  it('keeps two people apart in one article', () => {
    const a = analyze('Donald Trump said the plan would work.\n\nIvanka Trump said families would gain.\n\nTrump said he was proud.', { format: 'text' });
    const people = a.sources.filter((s) => s.kind === 'person').map((s) => s.name);
    expect(people).toEqual(['Donald Trump', 'Ivanka Trump']);
  });
});

describe('the name of a source is its own, not a word that describes it', () => {
  // [text, the source's name, its kind, named?]
  it.each<[string, string, string, boolean]>([
    // An apposition after a comma describes the name in front.
    ['Flynn, a top Trump surrogate, said the plan would fail.', 'Flynn', 'person', true],
    // A state or armed group the gazetteer knows speaks as an institution.
    ['Russia said the cables were not damaged.', 'Russia', 'organization', true],
    ['Hamas said the talks had failed.', 'Hamas', 'organization', true],
    // A lower-case part after a hyphen is part of the name.
    ['Ban Ki-moon, the secretary general, vowed not to repeat that mistake.', 'Ban Ki-moon', 'person', true],
    ['Ronald Fieldstone, a Miami lawyer who works on visas, said the program was abused.', 'Ronald Fieldstone', 'person', true],
    // A capitalised word before a common noun modifies it: the source is the noun, unnamed.
    ['The Republican presidential nominee said the plan would fail.', 'Republican presidential nominee', 'unknown', false],
    ['Clinton aides said the plan would fail.', 'Clinton aides', 'anonymous', false],
    ['The Indiana governor said the plan would fail.', 'Indiana governor', 'person', false],
    // An owner of a document or an organization stays named; so does a name with a time after it.
    ['A Bloomberg poll showed the race was tied.', 'Bloomberg', 'media', true],
    ['The Clinton campaign said the plan would fail.', 'Clinton campaign', 'organization', true],
  ])('%j', (text, name, kind, named) => {
    const a = analyze(text, { format: 'text' });
    const source = a.sources.find((s) => s.id !== 's0')!;
    expect(source.name).toBe(name);
    expect(source.kind).toBe(kind);
    expect(source.named).toBe(named);
  });
});

describe('a country name that is the surname of a person named before', () => {
  it('is that person ("Jim Jordan" … "Jordan said")', () => {
    const a = analyze('Rep. Jim Jordan said the vote was close.\n\nJordan said the talks had failed.', { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => `${s.name} (${s.kind}, ${s.mentions.length})`)).toEqual(['Jim Jordan (person, 2)']);
  });
});

describe('a report whose publisher is set off by commas', () => {
  it('is the publisher\'s report, and one source with the same report named again', () => {
    const a = analyze('The report, published by the Daily Courier, claimed that officials knew.\n\nA report published by the Daily Courier said the dams were weak.', { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => `${s.name} (${s.kind}, ${s.mentions.length})`)).toEqual(['Daily Courier (media, 2)']);
  });
});

describe('a post or trade names a person with "the", an unnamed one with "a"', () => {
  it.each<[string, string, string, string]>([
    ['The mayor said the levees would hold.', 'mayor', 'person', 'source/person-role'],
    ["The company's founder said profits fell.", "company's founder", 'person', 'source/person-role'],
    ['A doctor said the clinic was full.', 'doctor', 'anonymous', 'source/anonymous'],
    ['Two judges said the ruling stood.', 'judges', 'anonymous', 'source/anonymous'],
    ['The spokesman said the talks went well.', 'spokesman', 'anonymous', 'source/anonymous'],
  ])('%j', (text, name, kind, rule) => {
    const a = analyze(text, { format: 'text' });
    const source = a.sources.find((s) => s.id !== 's0')!;
    expect([source.name, source.kind, source.named, a.sourceMentions[0]!.rule]).toEqual([name, kind, false, rule]);
  });

  it.each<[string, string, string[]]>([
    ['a title before the name', 'Mayor Jane Smith said the levees would hold.\n\nThe mayor later said the city was ready.', ['Jane Smith (person, 2)']],
    ['an apposition after the name', 'Jane Smith, the city’s mayor, said the levees would hold.\n\nThe mayor said the city was ready.', ['Jane Smith (person, 2)']],
    ['two holders: not guessed', 'Mayor Jane Smith said the levees would hold.\n\nMayor Tom Reed said they would not.\n\nThe mayor said the city was ready.', ['Jane Smith (person, 1)', 'Tom Reed (person, 1)', 'mayor (person, 1)']],
    ['another post: not merged', 'Governor Ann Lee said the levees would hold.\n\nThe mayor said the city was ready.', ['Ann Lee (person, 1)', 'mayor (person, 1)']],
  ])('"the mayor" is the one earlier person who holds the post: %s', (_name, text, expected) => {
    const a = analyze(text, { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => `${s.name} (${s.kind}, ${s.mentions.length})`)).toEqual(expected);
  });

  it('takes kinship for a post, with its gender: "she" is the mother, not the father', () => {
    const a = analyze('My father said the farm was lost.\n\nMy mother said it was not.\n\nShe said the bank had lied.', { format: 'text' });
    const she = a.sourceMentions.find((m) => m.evidence === 'She')!;
    expect(she.rule).toBe('source/pronoun-resolved');
    expect(a.sources.find((s) => s.id === she.source)!.name).toBe('My mother');
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => s.kind)).toEqual(['person', 'person']);
  });

  it('leaves "he" unresolved between a person named by post and a person named by name', () => {
    const a = analyze('The governor said the roads were open.\n\nHugh Hill said the clinic was full.\n\nHe said the bridge was shut.', { format: 'text' });
    expect(a.sourceMentions.find((m) => m.evidence === 'He')!.rule).toBe('source/pronoun-unresolved');
  });

  it('takes posts a user adds (roleNouns), and not without them', () => {
    const text = 'The harbourmaster said the port was closed.';
    const kind = (lexicon?: { roleNouns: string[] }) => analyze(text, { format: 'text', lexicon }).sources.find((s) => s.id !== 's0')!.kind;
    expect(kind()).toBe('unknown');
    expect(kind({ roleNouns: ['harbourmaster'] })).toBe('person');
  });
});

describe('names in wire copy: owners, offices and institutions', () => {
  it.each<[string, string, string, boolean]>([
    // An owner names the institution; what a person owns is a post or an unnamed group.
    ["Ukraine's defence ministry denied the report.", "Ukraine's defence ministry", 'organization', true],
    ["Trump's lawyer said the case was weak.", "Trump's lawyer", 'person', false],
    ["Clinton's aides said the plan would fail.", "Clinton's aides", 'anonymous', false],
    // A post just before a name makes it a person's, whatever institution comes first.
    ['Ministry spokesperson Olena Marchenko said there was no buildup.', 'Olena Marchenko', 'person', true],
    ['White House press secretary Josh Earnest said the talks went well.', 'Josh Earnest', 'person', true],
    // A title after an institution's name; a media word inside a title.
    ['House Speaker Paul D. Ryan said the vote was close.', 'Paul D. Ryan', 'person', true],
    ['White House Press Secretary Josh Earnest said the talks went well.', 'Josh Earnest', 'person', true],
    ['Martin Luther King Jr. said the dream lived on.', 'Martin Luther King Jr.', 'person', true],
    // An office with "of" before a name.
    ['Secretary of State John F. Kerry said the talks would resume.', 'John F. Kerry', 'person', true],
    // An institution's name of common words, capitalised, with its country.
    ['The U.S. State Department said it was monitoring the situation.', 'U.S. State Department', 'organization', true],
    // A name where the source works is not the source's name.
    ['A tech staffer at the State Department said the server was wiped.', 'tech staffer at the State Department', 'anonymous', false],
    // An institution's name with its domain; a post used as a title.
    ['The Council on Foreign Relations said the plan was sound.', 'Council on Foreign Relations', 'organization', true],
    ['The nonpartisan Commission on Presidential Debates said the rules were fair.', 'Commission on Presidential Debates', 'organization', true],
    ['Prosecutor Jane Doe said the case was strong.', 'Jane Doe', 'person', true],
    // "King" is a title, "and" joins two names: neither opens the second one.
    ['Both Mr. King and Mr. Schultz said the deal was done.', 'Mr. Schultz', 'person', true],
  ])('%j', (text, name, kind, named) => {
    const a = analyze(text, { format: 'text' });
    const source = a.sources.find((s) => s.id !== 's0')!;
    expect([source.name, source.kind, source.named]).toEqual([name, kind, named]);
  });
});

describe('a headline names its actors shortly, the body in full', () => {
  it.each<[string, string, string[]]>([
    ['one named ministry: one source', "Ministry denies report of buildup\n\nUkraine's defence ministry denied a report that it was massing troops.", ["Ukraine's defence ministry (organization, 2)"]],
    ['two named ministries: not guessed', "Ministry denies report of buildup\n\nUkraine's defence ministry denied the report.\n\nRussia's foreign ministry said it was true.", ['Ministry (organization, 1)', "Ukraine's defence ministry (organization, 1)", "Russia's foreign ministry (organization, 1)"]],
    ['not from the body', "The ministry denied a report of a buildup.\n\nUkraine's defence ministry said troops were on exercises.", ['ministry (organization, 1)', "Ukraine's defence ministry (organization, 1)"]],
  ])('%s', (_name, text, expected) => {
    const a = analyze(text, { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => `${s.name} (${s.kind}, ${s.mentions.length})`)).toEqual(expected);
  });
});

describe('a one-word name read as a person\'s, after an outlet of that name', () => {
  it('is that outlet', () => {
    const a = analyze('A report by the Moscow daily Izvestia claimed the brigades moved.\n\nIzvestia\'s report said three brigades moved east.', { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => `${s.name} (${s.kind}, ${s.mentions.length})`)).toEqual(['Izvestia (media, 2)']);
  });

  it('is still a person without an earlier outlet of that name', () => {
    const a = analyze("Smith's report said three brigades moved east.", { format: 'text' });
    expect(a.sources.filter((s) => s.id !== 's0').map((s) => s.kind)).toEqual(['person']);
  });
});
