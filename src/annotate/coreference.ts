/**
 * One policy for "he" and "she", read by the source stage (who said it) and the relation stage (who did
 * it), so that one pronoun is never two different people in one article:
 *   - resolve it when exactly one person of a fitting gender is in reach (this paragraph and the
 *     ANTECEDENT_WINDOW before it);
 *   - otherwise, when exactly one of them was mentioned (or spoke) earlier in the pronoun's own paragraph,
 *     to that one ("“They lied to us,” said Tom Diaz. He added that…");
 *   - otherwise leave it unresolved: never guess between two.
 */
export type Gender = 'female' | 'male' | null;

/** How many paragraphs back a pronoun or definite description may reach for its antecedent. */
export const ANTECEDENT_WINDOW = 3;

export interface PersonInReach<T> {
  actor: T;
  gender: Gender;
  /** The last paragraph, before the pronoun, in which the person was mentioned. */
  lastParagraph: number;
}

export type PronounReading<T> = { actor: T; how: 'one-in-reach' | 'one-in-paragraph' } | { actor: null; how: 'unresolved' };

/** The person a he/she (of gender `wanted`, null for unknown) in `paragraph` refers to, by the policy above. */
export function resolvePersonPronoun<T>(wanted: Gender, paragraph: number, inReach: Iterable<PersonInReach<T>>): PronounReading<T> {
  const people = new Map<T, PersonInReach<T>>();
  for (const p of inReach) {
    if (paragraph - p.lastParagraph > ANTECEDENT_WINDOW) continue;
    if (wanted !== null && p.gender !== null && p.gender !== wanted) continue;
    const seen = people.get(p.actor);
    if (!seen || p.lastParagraph > seen.lastParagraph) people.set(p.actor, p);
  }
  if (people.size === 1) return { actor: [...people.keys()][0]!, how: 'one-in-reach' };
  const here = [...people.values()].filter((p) => p.lastParagraph === paragraph);
  if (here.length === 1) return { actor: here[0]!.actor, how: 'one-in-paragraph' };
  return { actor: null, how: 'unresolved' };
}
