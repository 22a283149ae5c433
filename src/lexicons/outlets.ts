/** The outlet lexicon's entries (outlets.json; users add theirs under `outlets` in a --lexicon file). */
export interface OutletEntry {
  /** The outlet's name as it prints it. */
  name: string;
  /** Other names, short forms and domains. */
  aliases: string[];
}

/** Why a value is not an outlet entry, in words; null when it is one. */
export function checkOutletEntry(item: unknown): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'expected {"name": …, "aliases": […]}';
  const e = item as Partial<OutletEntry>;
  if (typeof e.name !== 'string' || e.name.trim() === '') return '"name" must be a non-empty string';
  if (!Array.isArray(e.aliases) || e.aliases.some((a) => typeof a !== 'string')) return '"aliases" must be an array of strings';
  return null;
}
