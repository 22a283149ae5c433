/** Is it English? Table-driven over real-looking news prose; the English corpora are checked in test/language-corpus.test.ts. */
import { describe, expect, it } from 'vitest';
import { segment } from '../segment/segment.js';
import { languageEvidence, languageEvidenceOfTokens, notEnglishReason } from './language.js';

const GERMAN =
  'Die Bundesregierung hat am Dienstag angekündigt, dass die Brücke über den Rhein im Mai wieder für den Verkehr geöffnet wird. ' +
  'Nach Angaben des Verkehrsministeriums wurden die Reparaturarbeiten schneller als erwartet abgeschlossen. Kritiker bemängeln jedoch, ' +
  'dass die Kosten deutlich höher ausgefallen seien als ursprünglich geplant. Der Bürgermeister sagte, die Stadt sei erleichtert.';
const FRENCH =
  "Le gouvernement a annoncé mardi que le pont sur le Rhône serait rouvert à la circulation en mai. Selon le ministère des Transports, " +
  "les travaux de réparation ont été achevés plus rapidement que prévu. Les critiques estiment toutefois que les coûts ont été bien plus " +
  'élevés que prévu initialement. Le maire a déclaré que la ville était soulagée.';
const RUSSIAN =
  'Правительство объявило во вторник, что мост через реку будет вновь открыт для движения в мае. По данным министерства транспорта, ' +
  'ремонтные работы были завершены быстрее, чем ожидалось. Критики, однако, отмечают, что расходы оказались значительно выше ' +
  'запланированных. Мэр заявил, что город испытывает облегчение, а жители благодарны строителям за работу.';
const ENGLISH =
  'The government announced on Tuesday that the bridge over the river would reopen to traffic in May. According to the transport ministry, ' +
  'the repairs were finished faster than expected. Critics say, however, that the costs were far higher than first planned. The mayor said ' +
  'the city was relieved.';

describe('languageEvidence', () => {
  it.each<[string, string, boolean]>([
    ['English news prose', ENGLISH, true],
    ['German', GERMAN, false],
    ['French', FRENCH, false],
    ['Russian (Cyrillic)', RUSSIAN, false],
    ['a short headline in any language: too short to judge', 'Brücke über den Rhein öffnet wieder', true],
    ['English with a long French quote', `${ENGLISH} One resident put it this way: “${FRENCH.slice(0, 120)}”`, true],
    ['no words at all', '1234 5678 — 91011', true],
  ])('%s', (_name, text, english) => {
    expect(languageEvidence(text).english).toBe(english);
    // The corpus ingest judges from the analysis' tokens: the same verdict.
    expect(languageEvidenceOfTokens(segment(text).tokens).english).toBe(english);
  });

  it('says why, with the figures', () => {
    const e = languageEvidence(GERMAN);
    expect(e.words).toBeGreaterThan(40);
    expect(notEnglishReason(e)).toMatch(/^does not look like English: \d+ % of its first \d+ words are common English words/);
  });
});
