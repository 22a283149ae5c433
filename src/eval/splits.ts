/**
 * Fixed parts of a training set, by a hash of each article's name, so that they never change as files are
 * added or reordered:
 * - `internal-test` (1 in 10): never trained on, never used to design a rule, choose a feature or tune a
 *   threshold; its figures stand beside dev's to show whether a change holds on unseen articles;
 * - `calibration` (1 in 10): not trained on, used only to choose a shipped model's operating point (the
 *   technique tagger's biases), so that the point fits the model that ships;
 * - `train`: the rest.
 */
export type Split = 'train' | 'calibration' | 'internal-test';

export const SPLITS: readonly Split[] = ['train', 'calibration', 'internal-test'];

/** FNV-1a over the name's UTF-16 units: small, stable, and the same in every runtime. */
function fnv1a(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function splitOf(name: string): Split {
  const k = fnv1a(name) % 10;
  return k === 0 ? 'internal-test' : k === 1 ? 'calibration' : 'train';
}

/** Whether a split name from the command line is one of ours (or "all"). */
export function isSplitName(s: string): s is Split | 'all' {
  return s === 'all' || (SPLITS as readonly string[]).includes(s);
}

/**
 * The internal test split of a corpus of a few dozen documents (CLEF-2019's 19 debates), where 1 in 10
 * holds too few: 1 in 5 by the same hash (remainder 1, so it holds the larger corpora's calibration documents).
 */
export function smallCorpusSplitOf(name: string): 'train' | 'internal-test' {
  return fnv1a(name) % 5 === 1 ? 'internal-test' : 'train';
}
