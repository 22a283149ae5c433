/**
 * One policy for he/she (src/annotate/coreference.ts), read by the source stage and the relation stage:
 * one person in reach, or one earlier in the pronoun's paragraph; otherwise unresolved, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { resolvePersonPronoun, type Gender } from '../src/annotate/coreference.js';

describe('the he/she policy', () => {
  const person = (actor: string, gender: Gender, lastParagraph: number) => ({ actor, gender, lastParagraph });
  it.each([
    ['one person in reach', 'male', 5, [person('Khan', 'male', 3)], 'Khan', 'one-in-reach'],
    ['one of fitting gender', 'female', 5, [person('Khan', 'male', 5), person('Nawaz', 'female', 4)], 'Nawaz', 'one-in-reach'],
    ['gender unknown fits', 'male', 2, [person('Lee', null, 2)], 'Lee', 'one-in-reach'],
    ['two in reach, one in this paragraph', 'male', 5, [person('Khan', 'male', 3), person('Diaz', 'male', 5)], 'Diaz', 'one-in-paragraph'],
    ['two in this paragraph: unresolved', 'male', 5, [person('Khan', 'male', 5), person('Diaz', 'male', 5)], null, 'unresolved'],
    ['out of reach: unresolved', 'male', 9, [person('Khan', 'male', 5)], null, 'unresolved'],
    ['nobody: unresolved', null, 0, [], null, 'unresolved'],
  ] as const)('%s', (_name, wanted, paragraph, people, actor, how) => {
    expect(resolvePersonPronoun(wanted, paragraph, people)).toEqual({ actor, how });
  });

  it('counts a person once however often mentioned', () => {
    expect(resolvePersonPronoun('male', 3, [person('Khan', 'male', 1), person('Khan', 'male', 3)])).toEqual({ actor: 'Khan', how: 'one-in-reach' });
  });
});

describe('the relation stage reads he/she by the same policy', () => {
  const funders = (text: string) => {
    const a = analyze(text);
    const name = (id: string) => a.entities.find((e) => e.id === id)!.name;
    return a.relations.filter((r) => r.predicate === 'fund').map((r) => `${name(r.subject)} → ${name(r.object)}`);
  };

  it('resolves "he" when one man is in reach', () => {
    expect(funders('Imran Khan spoke in Lahore on Monday. He later funded Hamas.')).toEqual(['Imran Khan → Hamas']);
    expect(funders('Imran Khan met Maryam Nawaz in Lahore on Monday. He later funded Hamas.')).toEqual(['Imran Khan → Hamas']);
  });

  it('leaves "he" unresolved between two men, where it used to take the nearest', () => {
    expect(funders('Imran Khan met John Smith in Lahore on Monday. He later funded Hamas.')).toEqual([]);
  });
});
