import { describe, expect, it } from 'vitest';
import { furnitureParagraphs } from './furniture.js';

const STORY = 'The council approved the budget on Tuesday after a long debate about bus routes, school repairs and the cost of street lighting in the northern wards of the city.';

describe('furniture paragraphs', () => {
  it.each([
    ['Read more: Bridge repairs delayed again', true],
    ['Advertisement', true],
    ['Sign up for our free newsletter and get the top stories every morning.', true],
    ['Updated March 20, 2024, 3:05 PM ET', true],
    ['Photo: Tom Reed / Valley Gazette', true],
    ['This article is more than 2 months old', true],
    ['Updated figures released on Monday show the deficit widened sharply in the last quarter as tax receipts fell, the treasury said.', false],
    ['Watchdogs said the figures were wrong.', false],
    [STORY, false],
  ])('%s → furniture: %s', (text, expected) => {
    expect(furnitureParagraphs([STORY, text], { title: null, byline: null }).has(1)).toBe(expected);
  });

  it('drops the headline and byline printed again near the top, not the headline the text opens with', () => {
    const title = 'Council approves budget';
    expect([...furnitureParagraphs([title, 'By Jane Doe', STORY], { title, byline: 'Jane Doe' })]).toEqual([1]);
    expect([...furnitureParagraphs(['COUNCIL APPROVES BUDGET', STORY], { title, byline: null })]).toEqual([0]);
  });

  it('drops a pull quote repeating words of a paragraph, keeps a short paragraph of its own', () => {
    const quoted = '“Public assets should not be sold in secret,” said councillor Mark Owen, who has asked for an inquiry into the sale.';
    const drop = furnitureParagraphs([STORY, quoted, 'Public assets should not be sold in secret', 'The buyer did not respond to requests.'], { title: null, byline: null });
    expect([...drop]).toEqual([2]);
  });
});
