/**
 * Every rule id a finding can carry, with what it means. docs/rules.md is generated from this list
 * (`npm run docs`), and a test checks that the pipeline emits no id missing from it.
 */
import relationsLexicon from './lexicons/relations.json' with { type: 'json' };
import { ATTRIBUTION_RULES } from './lexicons/attribution-rules.js';

export const RULES: Record<string, string> = {
  'quote/marks': 'A quotation between an opening and a closing mark; curly, straight and mismatched marks pair up, apostrophes are skipped.',
  'quote/unclosed': 'A quotation whose closing mark never comes: it runs to the end of its paragraph (flagged `closed: false`), or stops before an attribution that ends the paragraph ("“We need help now, said Ann Lee.": the quote is “We need help now).',
  'attribution/according-to': '"According to X, …", "…, according to X" or "… is, according to X, …" (and the lexicon\'s other prepositional cues: "in the words of X"): X is the source, the rest of the sentence (or the quote that follows) the content; between commas, the content is the sentence around them.',
  'attribution/quoting': '"Quoting X, Y adds that …" or "…, citing X": X is an inner source of the content Y reports (nested one link deeper in the chain).',
  'attribution/verb-content-after': 'A cue verb from the lexicon with its subject as source and what follows as content: "X said (that) …", "X told reporters that …", "X said: “…”".',
  'attribution/verb-content-before': 'Content first, then the source and cue: "“…,” he said", "“…,” said X", "…, sources said", also when a reporting participle follows ("“…,” Sanders said, adding that…"; a participle is never itself an inverted "said X").',
  'attribution/noun-cue': 'A cue noun with its owner as source: "X\'s claim that …", "the claim by X that …".',
  'attribution/colon-lead-in': 'A name and a colon before a quote, without a verb ("Johnson: “…”"), a headline in that style ("Pence: Flowers won\'t be at debate"), a transcript turn ("WALLACE: …", which speaks for the rest of its paragraph), or a short clause about a named or described speaker ending in a colon ("The finance director, Alma Reyes, was blunt: “…”").',
  'attribution/parenthetical': 'Source and cue set off by commas inside the content: "The plan, he said, is dead." The content is the sentence around them, as one span.',
  'attribution/dash': 'A quote followed by a dash and a name: "“…” — Johnson".',
  'attribution/tagger': 'Found by the trained attribution tagger (an averaged perceptron over token features, trained on PolNeAR; src/models/attribution.json). A rule id ending in `+tagger` names a rule whose relation the tagger also found: its cue and source spans are the tagger\'s, its content the union of both.',
  'attribution/cited-as-saying': '"X cited Y as saying (that) Z" or "X quoted Y as saying Z": Y is the inner source of Z (cue "as saying"), nested in X\'s relation, whose content becomes Z: the claim reads outlet → X → Y.',
  'attribution/passive-subject': 'A passive reporting cue whose subject the tagger left out: "X was quoted by Y as saying Z" (Y quoted X: outlet → Y → X; the suffix `+passive-subject` marks Y\'s relation, this id X\'s inner link), "X was quoted as saying Z" and "X is reported to have said Z" (X is the source; the hedge stays; "X is believed to be…" is about X, not by X). The subject is a short noun phrase opening the sentence.',
  'attribution/citing-subject': '"X, citing Y, said Z": X is the source (suffix `+citing-subject` on its relation) and Y the inner source of Z (this id).',
  'attribution/relative-subject': 'Suffix: a cue verb whose subject the tagger left out behind a relative clause ("Sen. Bernie Sanders (Vt.), who lost the primaries to Clinton, said…"): the noun phrase before the clause is the source.',
  'attribution/shared-subject': 'Suffix: a cue verb without a subject of its own, coordinated by "and", "but" or "yet" with an earlier cue verb of the same sentence, or a participle after a comma ("…, saying that…", "…, calling it…"), shares that verb\'s source ("Officials called the plan “a disaster” and said it would fail": Officials said it would fail); the earlier content stops before the conjunction.',
  ...Object.fromEntries(ATTRIBUTION_RULES.map((r) => [r.id, `${r.description} (A dependency pattern: src/lexicons/attribution-rules.json.)`])),
  'attribution/parse-subject': 'Suffix: a cue verb the tagger and rules left without a source takes its subject from the parse: its own, a passive cue\'s agent ("was written by Springsteen"), or the subject it shares with the verb it depends on through control, coordination or a participle ("He plans to order…"); the subject\'s noun phrase without participial or relative adjuncts.',
  'source/person-role': 'A post or trade with "the" or a possessive ("the mayor", "the company\'s founder"): one person a reader can identify, though unnamed (kind `person`, not `named`). With "a" or in the plural ("a doctor", "two judges") the source is unnamed (`source/anonymous`).',
  'source/role-holder': '"The mayor" after "Mayor Jane Smith" (or "Jane Smith, the mayor"): the one person of the article whose mentions gave them that post; two such people leave it a person of its own.',
  'source/organization-owned': 'An institution named by its owner: "Ukraine\'s defence ministry", "the Kremlin\'s press office" (a named organization). What an owner has that is a post or a group is not named by the owner ("Trump\'s lawyer": a person by post; "Clinton\'s aides": unnamed).',
  'source/headline-cataphora': 'An unnamed organization or person by post in the headline ("Ministry denies report…") is the one named source of that kind and head noun in the body ("Ukraine\'s defence ministry denied…").',
  'source/same-name': 'A one-word name read as a person\'s is the outlet or institution of that name the article named before ("the daily Izvestia" … "Izvestia\'s report said").',
  'source/actor-name': 'A name the entity gazetteer knows as a state, organization or armed group ("Russia denied…", "Hamas said…"): an institution, whatever the name looks like.',
  'source/own-outlet': "The source is the article's own outlet (named in the dateline or page metadata).",
  'source/pronoun': 'A pronoun source before resolution.',
  'source/pronoun-speaker': '"I" or "we" inside the content of another relation: the speaker of those words, also when the speaker is named after them ("“I think…,” Sanders said").',
  'source/pronoun-outlet': '"We" in the narration, outside quotes: the outlet itself.',
  'source/pronoun-resolved': 'A pronoun resolved to the one earlier source it can refer to within three paragraphs (he/she: exactly one person).',
  'source/pronoun-previous-speaker': 'A he/she with several people in reach (three paragraphs), resolved to the only one of them who is a source earlier in the same paragraph ("“They lied to us,” said Tom Diaz. He added that…"); two people in the paragraph leave it unresolved.',
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
  'source/person-title': 'A person named with a title, the title stripped ("U.S. President Donald Trump" → Donald Trump; "Secretary of State John F. Kerry" → John F. Kerry; "House Speaker Paul D. Ryan" → Paul D. Ryan), or after a post in lower case, whatever institution comes first ("ministry spokesperson Olena Marchenko" is a person).',
  'source/person-name': 'A capitalised name that is not an outlet or organisation: taken for a person.',
  'source/anonymous': 'An unnamed human source: sources, officials, experts, "intelligence sources", "a senior official".',
  'source/unknown': 'A source the rules could not classify.',
  'technique/model': 'A propaganda-technique span (one of the 14 classes of SemEval-2020 Task 11). Spans: a BIO averaged perceptron over word, lemma, POS, shape, prior-lexicon, AFINN-165 valence, repetition, quote and sentence features, with a sentence model\'s belief that the sentence holds propaganda; label: softmax regression over the span\'s words, affixes, context, length, repetition in the article, punctuation and valence. All trained on PTC v2 by `npm run train:techniques` (src/models/techniques.json). `evidence` names the classifier\'s most discriminative features for the label; `score` is its softmax confidence, not calibrated.',
  'hedge/*': 'A hedge cue from the hedge lexicon; the part after the slash is its category (reporting-adverb, modal, passive-report, weasel, …).',
  'entity/gazetteer-country': 'A country or territory by name or alternative spelling (world-countries; press names such as "America" from actors.json).',
  'entity/gazetteer-demonym': 'A demonym standing for its state ("Pakistani" → Pakistan).',
  'entity/capital': 'A capital used as a place ("in Islamabad"): a place entity, part of its state.',
  'entity/metonym-capital': 'A capital that acts ("Islamabad denies", "Islamabad is still clinging"): a mention of its state.',
  'entity/state-body': 'A state\'s leadership, government or officials ("Pakistan\'s political-military leadership", "Pakistani officials"): a mention of the state.',
  'entity/gazetteer-organization': 'A well-known organisation, intergovernmental body or state agency (actors.json; compromise\'s lexicon); agencies are part of their state (the ISI → Pakistan).',
  'entity/gazetteer-armed-group': 'An armed group on the U.S. State Department\'s Foreign Terrorist Organizations list (or named beside it in actors.json).',
  'entity/gazetteer-place': 'A region that is not a country (Gaza, Kashmir), from actors.json.',
  'entity/gazetteer-bloc': 'A bloc of states named as one actor ("the West", "Western").',
  'entity/user-lexicon': 'An entity from the user\'s `--lexicon` file (`entities`).',
  'entity/acronym': 'An acronym defined in brackets after a name ("Inter-Services Intelligence (ISI)"), or used later: the same entity.',
  'entity/person-title': 'A person named with a title, the title kept as `role` and stripped from the name ("Army Chief Asim Munir" → Asim Munir, role Army Chief); a state before the title makes the person part of it.',
  'entity/person-name': 'A capitalised name starting with a known first name (compromise\'s lexicon) or holding a name particle ("bin", "al"): a person.',
  'entity/surname': 'A lone capitalised word that is the surname of exactly one person named in full in the article ("Munir" → Asim Munir).',
  'entity/organization-word': 'A capitalised name ending in an organisation word ("Party", "Ministry", "Inc"): an organisation.',
  'entity/state-organ': 'A state followed by an organ of state ("Pakistan Army", "Indian Navy"): an organisation part of that state.',
  'entity/armed-group-word': 'A capitalised name holding an armed-group word ("Brigades", "Lashkar", "Liberation Army").',
  'entity/place-word': 'A capitalised name ending in a place word ("River", "Province"): a place.',
  'entity/source-kind': 'A name the source stage resolved as a named person, outlet or organisation: typed as it did.',
  'entity/proper-name': 'A capitalised name with no cue to its type: `other`.',
  'relation/active-verb': 'A relation verb with its subject to the left (through auxiliaries, adverbs, catenative verbs, relative pronouns and coordinated verbs) and its object to the right ("Pakistan, which once sheltered terrorists like Osama bin Laden").',
  'relation/passive-verb': 'A passive relation verb: the surface subject is the object, the agent comes from the nearest "by" phrase ("They are being trained at secret camps run by the ISI").',
  'relation/support-verb': 'A support verb with relation nouns as its objects, each noun its own predicate ("providing shelter and assistance to Hamas" → shelter, assist).',
  'relation/nominal': 'A nominalisation with its arguments: a possessor or the subject of a linking verb, and the object of its preposition ("Pakistan\'s alliance with Hamas"); "between A, B and C" relates every pair (symmetric predicates).',
  ...Object.fromEntries(
    Object.entries(relationsLexicon.predicates).map(([p, d]) => [
      `predicate/${p}`,
      `${d.description} CAMEO: ${d.cameo}. Verbs: ${d.verbs.join(', ')}. Nouns: ${d.nouns.join(', ')}.`,
    ]),
  ),
};

/** The registry entry that covers a rule id (`hedge/modal` → `hedge/*`). */
export function ruleEntry(id: string): string | undefined {
  // Suffixes name a second rule that shaped the relation; the base id is the registry's.
  id = id.replace(/\+(?:shared|passive|citing|relative|parse)-subject$/, '').replace(/\+tagger$/, '');
  if (id in RULES) return id;
  const family = `${id.split('/')[0]}/*`;
  return family in RULES ? family : undefined;
}
