/**
 * Every rule id a finding can carry, with what it means. docs/rules.md is generated from this list
 * (`npm run docs`), and a test checks that the pipeline emits no id missing from it.
 */
export const RULES: Record<string, string> = {
  'quote/marks': 'A quotation between an opening and a closing mark; curly, straight and mismatched marks pair up, apostrophes are skipped.',
  'quote/unclosed': 'A quotation whose closing mark never comes: it runs to the end of its paragraph (flagged `closed: false`).',
  'attribution/according-to': '"According to X, …" or "…, according to X": X is the source, the rest of the sentence (or the quote that follows) the content.',
  'attribution/quoting': '"Quoting X, Y adds that …" or "…, citing X": X is an inner source of the content Y reports (nested one link deeper in the chain).',
  'attribution/verb-content-after': 'A cue verb from the lexicon with its subject as source and what follows as content: "X said (that) …", "X told reporters that …", "X said: “…”".',
  'attribution/verb-content-before': 'Content first, then the source and cue: "“…,” he said", "“…,” said X", "…, sources said".',
  'attribution/noun-cue': 'A cue noun with its owner as source: "X\'s claim that …", "the claim by X that …".',
  'attribution/colon-lead-in': 'A name and a colon before a quote, without a verb ("Johnson: “…”"), a headline in that style ("Pence: Flowers won\'t be at debate"), or a transcript turn ("WALLACE: …", which speaks for the rest of its paragraph).',
  'attribution/dash': 'A quote followed by a dash and a name: "“…” — Johnson".',
  'attribution/tagger': 'Found by the trained attribution tagger (an averaged perceptron over token features, trained on PolNeAR; src/models/attribution.json). A rule id ending in `+tagger` names a rule whose relation the tagger also found: its cue and source spans are the tagger\'s, its content the union of both.',
  'source/own-outlet': "The source is the article's own outlet (named in the dateline or page metadata).",
  'source/pronoun': 'A pronoun source before resolution.',
  'source/pronoun-speaker': '"I" or "we" inside the content of another relation: the speaker of those words.',
  'source/pronoun-outlet': '"We" in the narration, outside quotes: the outlet itself.',
  'source/pronoun-resolved': 'A pronoun resolved to the one earlier source it can refer to within three paragraphs (he/she: exactly one person).',
  'source/pronoun-unresolved': 'A pronoun with no unambiguous antecedent: kept as its own source, flagged `unresolved`, never guessed.',
  'source/definite-description': '"The report", "the source": merged with the most recent earlier source of the same head noun.',
  'source/report-cataphora': 'An unnamed report mentioned before the one named report of the article ("A detailed report reveals…" … "a report published by Blitz") is that report.',
  'source/document': 'A report, study, filing… without a named publisher.',
  'source/document-by-media': 'A document published by a media outlet: the source is the outlet\'s report (kind `media`).',
  'source/document-by-organization': 'A document published by an organisation (kind `organization`).',
  'source/document-by-person': 'A document by a named person (kind `person`).',
  'source/media': 'A named media outlet: a known outlet word ("Times", "Reuters") or a media head noun ("media outlet Blitz").',
  'source/media-description': 'An unnamed media description ("the newspaper", "local media").',
  'source/organization-name': 'A named organisation: an organisation word in the name ("Ministry of Defence") or an acronym ("WHO").',
  'source/organization-description': 'An unnamed organisation ("the ministry", "police").',
  'source/person-title': 'A person named with a title, the title stripped ("U.S. President Donald Trump" → Donald Trump).',
  'source/person-name': 'A capitalised name that is not an outlet or organisation: taken for a person.',
  'source/anonymous': 'An unnamed human source: sources, officials, experts, "intelligence sources", "a senior official".',
  'source/unknown': 'A source the rules could not classify.',
  'hedge/*': 'A hedge cue from the hedge lexicon; the part after the slash is its category (reporting-adverb, modal, passive-report, weasel, …).',
};

/** The registry entry that covers a rule id (`hedge/modal` → `hedge/*`). */
export function ruleEntry(id: string): string | undefined {
  id = id.replace(/\+tagger$/, '');
  if (id in RULES) return id;
  const family = `${id.split('/')[0]}/*`;
  return family in RULES ? family : undefined;
}
