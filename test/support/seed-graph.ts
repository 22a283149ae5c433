/**
 * A hand-built allegation graph over the seed, for report tests while the entity and relation stages are
 * not in the pipeline. When the pipeline finds entities, the real ones are used unchanged.
 */
import type { Analysis, Entity, EntityType, Relation, RelationPredicate } from '../../src/index.js';

function mentionsOf(text: string, pattern: RegExp): Entity['mentions'] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
}

interface EntitySpec {
  id: string;
  name: string;
  type: EntityType;
  pattern: RegExp;
  role?: string;
  partOf?: string;
}

const ENTITIES: EntitySpec[] = [
  { id: 'e0', name: 'Pakistan', type: 'state', pattern: /\bPakistan(?:i)?\b(?!-occupied)/g },
  { id: 'e1', name: 'Inter-Services Intelligence', type: 'organization', pattern: /Inter-Services Intelligence|\bISI\b/g, partOf: 'e0' },
  { id: 'e2', name: 'Hamas', type: 'armed_group', pattern: /\bHamas\b/g },
  { id: 'e3', name: 'Israel', type: 'state', pattern: /\bIsrael\b/g },
  { id: 'e4', name: 'India', type: 'state', pattern: /\bIndia\b/g },
  { id: 'e5', name: 'United States', type: 'state', pattern: /\bU\.S\.|\bAmerica\b/g },
  { id: 'e6', name: 'Donald Trump', type: 'person', pattern: /Donald Trump/g, role: 'U.S. President' },
  { id: 'e7', name: 'Shehbaz Sharif', type: 'person', pattern: /Shehbaz Sharif/g, role: 'Prime Minister' },
  { id: 'e8', name: 'Asim Munir', type: 'person', pattern: /Asim Munir/g, role: 'Army Chief' },
];

/** [subject, predicate, object, a fragment of the claim, the trigger words, modality]. */
const RELATIONS: Array<[string, RelationPredicate, string, string, string, Relation['modality']?]> = [
  ['e0', 'shelter', 'e2', 'providing shelter and assistance', 'providing shelter'],
  ['e0', 'assist', 'e2', 'providing shelter and assistance', 'assistance'],
  ['e1', 'train', 'e2', 'reportedly training Hamas', 'training'],
  ['e0', 'supply', 'e2', 'provide refuge, resources', 'provide refuge, resources'],
  ['e1', 'ally', 'e2', 'The alliance between ISI', 'alliance'],
  ['e0', 'threaten', 'e3', 'not only threatens Israel', 'threatens'],
  ['e0', 'threaten', 'e4', 'not only threatens Israel', 'threatens'],
  ['e6', 'host', 'e7', 'recently hosting Pakistani', 'hosting'],
  ['e6', 'host', 'e8', 'recently hosting Pakistani', 'hosting'],
  ['e1', 'train', 'e2', 'They are being trained', 'trained'],
  ['e5', 'designate', 'e0', 'continue designating Pakistan', 'designating', 'question'],
];

/** The analysis with entities and relations: the pipeline's own when it has them, the hand-built ones otherwise. */
export function withSeedGraph(analysis: Analysis): Analysis {
  if (analysis.entities.length > 0) return analysis;
  const text = analysis.document.text;
  const entities: Entity[] = ENTITIES.map((s) => {
    const mentions = mentionsOf(text, s.pattern);
    return {
      id: s.id,
      name: s.name,
      type: s.type,
      aliases: [...new Set(mentions.map((m) => m.text))],
      mentions,
      ...(s.role ? { role: s.role } : {}),
      ...(s.partOf ? { partOf: s.partOf } : {}),
      rule: 'test/hand-built',
    };
  });
  const relations: Relation[] = RELATIONS.map(([subject, predicate, object, fragment, trigger, modality], i) => {
    const claim = analysis.claims.find((c) => c.text.includes(fragment));
    if (!claim) throw new Error(`seed fixture: no claim contains "${fragment}"`);
    const start = text.indexOf(trigger, claim.start);
    return {
      id: `r${i}`,
      subject,
      predicate,
      object,
      claim: claim.id,
      trigger: { start, end: start + trigger.length, text: trigger },
      negated: false,
      hedged: claim.hedges.length > 0,
      modality: modality ?? 'asserted',
      start,
      end: start + trigger.length,
      rule: 'test/hand-built',
      evidence: trigger,
    };
  });
  return { ...analysis, entities, relations };
}
