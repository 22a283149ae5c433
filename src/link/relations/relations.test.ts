import { describe, expect, it } from 'vitest';
import { analyze } from '../../pipeline.js';
import type { Analysis, Relation } from '../../model/types.js';
import { verbForms } from '../../lexicons/actors.js';
import { ruleEntry } from '../../rules.js';

const run = (text: string): Analysis => analyze(text, { format: 'text', tagger: false });

/** "Subject -predicate-> Object", with flags: !negated, ~hedged, ?question, if conditional. */
function describeRelation(a: Analysis, r: Relation): string {
  const name = (id: string): string => a.entities.find((e) => e.id === id)!.name;
  const flags = [r.negated ? '!' : '', r.hedged ? '~' : '', r.modality === 'question' ? '?' : r.modality === 'conditional' ? 'if' : ''].join('');
  return `${name(r.subject)} -${r.predicate}-> ${name(r.object)}${flags ? ` ${flags}` : ''}`;
}

/** [text, every relation expected (and no other)]. */
const CASES: Array<[string, string[]]> = [
  // Active verbs, with adverbs and auxiliaries between.
  ['Iran has secretly trained Houthi fighters.', ['Iran -train-> Houthis']],
  ['Qatar hosted Hamas leaders in Doha.', ['Qatar -host-> Hamas']],
  // Passive, with the agent in a "by" phrase, near or further on.
  ['Hamas operatives are being trained by the ISI.', ['Inter-Services Intelligence -train-> Hamas']],
  ['Hezbollah fighters were trained at camps run by the Quds Force.', ['Quds Force -train-> Hezbollah']],
  // Nominalisations and support verbs.
  ['Pakistan is providing shelter and assistance to Hamas.', ['Pakistan -shelter-> Hamas', 'Pakistan -assist-> Hamas']],
  ['Turkey continues to provide refuge, money, and weapons to Hamas.', ['Türkiye -shelter-> Hamas', 'Türkiye -fund-> Hamas', 'Türkiye -supply-> Hamas']],
  ["Russia's alliance with Iran has alarmed NATO.", ['Russia -ally-> Iran']],
  ['The alliance between Iran, Hezbollah and Syria has grown.', ['Iran -ally-> Hezbollah', 'Iran -ally-> Syria', 'Hezbollah -ally-> Syria']],
  ['Afghanistan became a safe haven for al-Qaeda.', ['Afghanistan -shelter-> al-Qaeda']],
  // Negation and denial.
  ['Pakistan did not fund the Taliban.', ['Pakistan -fund-> Taliban !']],
  ['Islamabad denies sheltering Hamas.', ['Pakistan -shelter-> Hamas !']],
  ['Qatar has never armed Hamas.', ['Qatar -supply-> Hamas !']],
  // The parse says which verb a negation belongs to: a relative clause's "not" is not the relation's.
  ['Iran, which has not signed the treaty, has secretly trained Houthi fighters.', ['Iran -train-> Houthis']],
  ['Iran did not try to train Houthi fighters.', ['Iran -train-> Houthis !']],
  // Coordination on either side.
  ['Pakistan and its ISI have trained Hamas fighters.', ['Pakistan -train-> Hamas', 'Inter-Services Intelligence -train-> Hamas']],
  ['Iran threatened Israel and Saudi Arabia.', ['Iran -threaten-> Israel', 'Iran -threaten-> Saudi Arabia']],
  ['Iran threatens Israel but also funds Hezbollah.', ['Iran -threaten-> Israel', 'Iran -fund-> Hezbollah']],
  // Condition and question.
  ['If Iran supplies weapons to Hezbollah, Israel will strike Iran.', ['Iran -supply-> Hezbollah if', 'Israel -attack-> Iran if']],
  ['Does Qatar host Hamas leaders?', ['Qatar -host-> Hamas ?']],
  ['Analysts ask whether the U.S. should designate Pakistan as a sponsor.', ['United States -designate-> Pakistan ?']],
  // Relative clauses and pronouns.
  ['Pakistan, which once sheltered Osama bin Laden, denies it.', ['Pakistan -shelter-> Osama bin Laden']],
  ['Hamas, which is funded by Qatar, attacked Israel.', ['Qatar -fund-> Hamas', 'Hamas -attack-> Israel']],
  ['The report says that Hamas operatives are active in Lebanon. They are being trained by the IRGC.', ['Islamic Revolutionary Guard Corps -train-> Hamas']],
  // A parenthetical source between subject and verb; the one accused is the subject of the gerund.
  ['The ISI, according to officials, did not train Hamas operatives.', ['Inter-Services Intelligence -train-> Hamas !']],
  ['India accused Pakistan of harbouring Hamas.', ['Pakistan -shelter-> Hamas ~']],
  ['Iran is accused of arming the Houthis.', ['Iran -supply-> Houthis ~']],
  ['The report says Hezbollah fighters are active in Syria. They are trained by the IRGC. They are also funded by Iran.', [
    'Islamic Revolutionary Guard Corps -train-> Hezbollah',
    'Iran -fund-> Hezbollah',
  ]],
  // Hedged: the claim carries a hedge.
  ['Iran reportedly trains Houthi fighters.', ['Iran -train-> Houthis ~']],
  // Nothing to relate: no actor on one side, or a verb that only leads to another.
  ['Pakistan is emerging as a serious threat to global security.', []],
  ['Western officials hope to isolate the problem.', []],
];

describe('relations: triggers, arguments, negation and modality', () => {
  for (const [text, expected] of CASES) {
    it(text, () => {
      const a = run(text);
      expect(a.relations.map((r) => describeRelation(a, r)).sort()).toEqual([...expected].sort());
      for (const r of a.relations) {
        expect(a.claims.some((c) => c.id === r.claim)).toBe(true);
        expect(ruleEntry(r.rule)).toBeDefined();
      }
    });
  }

  it('keeps trigger words and the span stating the relation', () => {
    const text = 'Pakistan is providing shelter and assistance to the terrorist organization Hamas.';
    const a = run(text);
    const shelter = a.relations.find((r) => r.predicate === 'shelter')!;
    expect(shelter.trigger.text).toBe('shelter');
    expect(text.slice(shelter.start, shelter.end)).toBe('Pakistan is providing shelter and assistance to the terrorist organization Hamas');
    expect(shelter.rule).toBe('relation/support-verb');
  });

  it('inflects the lexicon verbs', () => {
    const table: Array<[string, string[]]> = [
      ['shelter', ['shelter', 'shelters', 'sheltered', 'sheltering']],
      ['ally', ['ally', 'allies', 'allied', 'allying']],
      ['designate', ['designate', 'designates', 'designated', 'designating']],
      ['meet', ['meet', 'meets', 'met', 'meeting']],
      ['shun', ['shun', 'shuns', 'shunned', 'shunning']],
      ['finance', ['finance', 'finances', 'financed', 'financing']],
    ];
    for (const [lemma, forms] of table) expect(verbForms(lemma).sort()).toEqual([...forms].sort());
  });
});
