/**
 * CoNLL-U (Universal Dependencies) reading: sentences of syntactic words with their UPOS, XPOS, lemma,
 * head and relation. Empty nodes ("8.1") are skipped; a multiword token's line ("1-2 don't") is kept
 * beside its words, for end-to-end scoring from the raw text (`# text`). Browser-safe: it reads a string.
 */
export interface UdWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** Index of the head word in the sentence (0-based), or -1 for the root. */
  head: number;
  deprel: string;
}

/** A surface token that is several syntactic words ("don't" = do + n't): words first…last (0-based). */
export interface UdMultiword {
  form: string;
  first: number;
  last: number;
}

export interface UdSentence {
  id: string;
  words: UdWord[];
  multiwords: UdMultiword[];
  /** The sentence's raw text (`# text = …`), when given. */
  text?: string;
  /** Whether a new document (`# newdoc`) or paragraph (`# newpar`) starts with this sentence. */
  newDoc: boolean;
  newPar: boolean;
}

/** The sentences of a CoNLL-U text; a malformed line is an error naming its line number. */
export function parseConllu(text: string, name = 'the CoNLL-U text'): UdSentence[] {
  const sentences: UdSentence[] = [];
  let words: UdWord[] = [];
  let multiwords: UdMultiword[] = [];
  let id = '';
  let raw: string | undefined;
  let newDoc = false;
  let newPar = false;
  const lines = text.split(/\r?\n/);
  const end = (): void => {
    if (words.length > 0) sentences.push({ id: id || `${name}#${sentences.length + 1}`, words, multiwords, text: raw, newDoc, newPar });
    words = [];
    multiwords = [];
    id = '';
    raw = undefined;
    newDoc = newPar = false;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') return end();
    if (line.startsWith('#')) {
      const m = /^#\s*(sent_id|text)\s*=\s?(.*)$/.exec(line);
      if (m?.[1] === 'sent_id') id = m[2]!.trim();
      else if (m?.[1] === 'text') raw = m[2]!;
      else if (/^#\s*newdoc\b/.test(line)) newDoc = newPar = true;
      else if (/^#\s*newpar\b/.test(line)) newPar = true;
      return;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new Error(`${name}:${i + 1}: expected 10 tab-separated columns, got ${cols.length}`);
    if (cols[0]!.includes('.')) return; // an empty node
    const range = /^(\d+)-(\d+)$/.exec(cols[0]!);
    if (range) {
      multiwords.push({ form: cols[1]!, first: Number(range[1]) - 1, last: Number(range[2]) - 1 });
      return;
    }
    const head = Number(cols[6]);
    if (!Number.isInteger(head)) throw new Error(`${name}:${i + 1}: head must be a number, got ${JSON.stringify(cols[6])}`);
    words.push({ form: cols[1]!, lemma: cols[2]!, upos: cols[3]!, xpos: cols[4]!, head: head - 1, deprel: cols[7]! });
  });
  end();
  return sentences;
}
