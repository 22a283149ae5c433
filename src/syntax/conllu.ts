/**
 * CoNLL-U (Universal Dependencies) reading: sentences of syntactic words with their UPOS, XPOS, lemma,
 * head and relation. Multiword-token lines ("1-2") and empty nodes ("8.1") are skipped: the words are what
 * UD tags and parses. Browser-safe: it reads a string.
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

export interface UdSentence {
  id: string;
  words: UdWord[];
}

/** The sentences of a CoNLL-U text; a malformed line is an error naming its line number. */
export function parseConllu(text: string, name = 'the CoNLL-U text'): UdSentence[] {
  const sentences: UdSentence[] = [];
  let words: UdWord[] = [];
  let id = '';
  const lines = text.split(/\r?\n/);
  const end = (): void => {
    if (words.length > 0) sentences.push({ id: id || `${name}#${sentences.length + 1}`, words });
    words = [];
    id = '';
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') return end();
    if (line.startsWith('#')) {
      const m = /^#\s*sent_id\s*=\s*(.+)$/.exec(line);
      if (m) id = m[1]!.trim();
      return;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new Error(`${name}:${i + 1}: expected 10 tab-separated columns, got ${cols.length}`);
    if (/[-.]/.test(cols[0]!)) return; // multiword token or empty node
    const head = Number(cols[6]);
    if (!Number.isInteger(head)) throw new Error(`${name}:${i + 1}: head must be a number, got ${JSON.stringify(cols[6])}`);
    words.push({ form: cols[1]!, lemma: cols[2]!, upos: cols[3]!, xpos: cols[4]!, head: head - 1, deprel: cols[7]! });
  });
  end();
  return sentences;
}
