/**
 * Builds src/lexicons/gazetteer.json, the derived part of the entity gazetteer (`npm run build:gazetteer`):
 *
 * - countries: every country and territory of the npm package `world-countries` (mledoze/countries, ODbL 1.0):
 *   common and official names, alternative spellings (two-letter codes left out: "IN", "IT", "IS" are
 *   words in all-caps text, and "L.A.", "V.A." are not Laos and the Vatican; actors.json adds "U.S.", "U.K."), English demonyms, capitals;
 *   sovereign states first, so a demonym shared with a territory goes to the state.
 * - organizations, places (cities, regions), first and last names, organisation and place head words: from
 *   the lexicon of the npm package `compromise` (MIT), its `Organization`, `City`, `Region`,
 *   `FirstName`/`MaleName`/`FemaleName`, `LastName`/`Person` entries and its orgWords/placeWords lists.
 *
 * Curated additions (armed groups, state agencies, aliases such as "America") are in actors.json, by hand,
 * each with its source. The output is deterministic (sorted), so re-running it changes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nlp from 'compromise';

const require = createRequire(import.meta.url);
const countriesPath = require.resolve('world-countries/countries.json');
const countriesPkg = JSON.parse(readFileSync(join(dirname(countriesPath), 'package.json'), 'utf8')) as { version: string };
// compromise's exports map hides package.json; its CommonJS build sits two folders below the root.
const compromiseRoot = join(dirname(require.resolve('compromise')), '..', '..');
const compromisePkg = JSON.parse(readFileSync(join(compromiseRoot, 'package.json'), 'utf8')) as { version: string };

interface WorldCountry {
  name: { common: string; official: string };
  cca3: string;
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
  independent?: boolean | null;
}

const raw = JSON.parse(readFileSync(countriesPath, 'utf8')) as WorldCountry[];

const uniqSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en'));

const countries = raw
  .map((c) => {
    const aliases = new Set<string>();
    aliases.add(c.name.official);
    for (const alt of c.altSpellings) {
      if (alt.includes(',')) continue; // "Palestine, State of": an index form, not running text
      if (/^[A-Z]{2}$/.test(alt)) continue;
      aliases.add(alt);
    }
    aliases.delete(c.name.common);
    const demonyms = new Set<string>();
    const eng = c.demonyms?.eng;
    for (const d of eng ? [eng.m, eng.f] : []) {
      if (!d) continue;
      // Singular only: "Americans supporting Trump" are people, not the state.
      demonyms.add(d);
    }
    const capitals = new Set<string>();
    for (const cap of c.capital ?? []) {
      capitals.add(cap);
      // "Washington D.C." is "Washington" in running text.
      const bare = cap.replace(/\s+D\.C\.$/, '');
      if (bare !== cap) capitals.add(bare);
    }
    return {
      independent: c.independent === true,
      id: c.cca3,
      name: c.name.common,
      aliases: uniqSorted(aliases),
      demonyms: uniqSorted(demonyms),
      capitals: uniqSorted(capitals),
    };
  })
  // Sovereign states first: a demonym or spelling shared with a territory ("American": the United States and
  // the Northern Mariana Islands) goes to the state, since the first entry of a form wins.
  .sort((a, b) => Number(b.independent) - Number(a.independent) || a.id.localeCompare(b.id))
  .map(({ independent: _independent, ...rest }) => rest);

// compromise's lexicon: word or phrase → tag(s).
const lexicon = nlp.model().one.lexicon as Record<string, string | string[]>;
const tagged = (tag: string): string[] =>
  uniqSorted(Object.entries(lexicon).filter(([, t]) => (Array.isArray(t) ? t : t.split('|')).includes(tag)).map(([w]) => w));

const organizations = tagged('Organization').filter(
  // "the who" is a band, not a word to match; one- and two-letter entries collide with words.
  (w) => !w.startsWith('the ') && w.replace(/[^a-z]/g, '').length >= 3,
);
const countryNames = new Set(countries.flatMap((c) => [c.name, ...c.aliases, ...c.capitals]).map((n) => n.toLowerCase()));
// Cities and regions (US states, provinces): places, unless world-countries has them as a country or capital.
const places = uniqSorted([...tagged('City'), ...tagged('Region')].filter((w) => !countryNames.has(w) && w.replace(/[^a-z]/g, '').length >= 4));
const lastNames = uniqSorted([...tagged('LastName'), ...tagged('Person')].filter((w) => /^[a-z][a-z'-]+$/.test(w)));
const male = new Set(tagged('MaleName'));
const female = new Set(tagged('FemaleName'));
// Names of one gender only (compromise lists "Jordan", "Taylor" as both).
const maleNames = [...male].filter((w) => !female.has(w) && /^[a-z][a-z'-]+$/.test(w)).sort();
const femaleNames = [...female].filter((w) => !male.has(w) && /^[a-z][a-z'-]+$/.test(w)).sort();
const firstNames = uniqSorted([...tagged('FirstName'), ...tagged('MaleName'), ...tagged('FemaleName')].filter((w) => /^[a-z][a-z'-]+$/.test(w)));

async function wordList(rel: string): Promise<string[]> {
  // Each list is a module whose default export is a { word: true } table.
  const mod = (await import(pathToFileURL(join(compromiseRoot, rel)).href)) as { default: Record<string, boolean> };
  return uniqSorted(Object.keys(mod.default).map((w) => w.toLowerCase()));
}
const organizationWords = await wordList('src/2-two/preTagger/model/orgWords.js');
const placeWords = await wordList('src/2-two/preTagger/model/placeWords.js');

const out = {
  source:
    `Built by scripts/build-gazetteer.ts (npm run build:gazetteer). countries: world-countries ${countriesPkg.version} ` +
    `(mledoze/countries, https://github.com/mledoze/countries), ODbL 1.0 — names, official names, alternative spellings, ` +
    `English demonyms, capitals. organizations, places, firstNames, maleNames, femaleNames, lastNames, organizationWords, placeWords: compromise ${compromisePkg.version} ` +
    `(spencermountain/compromise), MIT — its lexicon's Organization, City, Region, first-name, LastName and Person entries and its orgWords/placeWords lists.`,
  licences: { countries: 'ODbL-1.0 (Open Database License)', organizations: 'MIT', places: 'MIT', firstNames: 'MIT', maleNames: 'MIT', femaleNames: 'MIT', lastNames: 'MIT', organizationWords: 'MIT', placeWords: 'MIT' },
  countries,
  organizations,
  places,
  firstNames,
  maleNames,
  femaleNames,
  lastNames,
  organizationWords,
  placeWords,
};

const target = new URL('../src/lexicons/gazetteer.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `gazetteer.json: ${countries.length} countries, ${organizations.length} organisations, ${places.length} places, ` +
    `${firstNames.length} first names, ${lastNames.length} last names, ` +
    `${organizationWords.length} organisation words, ${placeWords.length} place words`,
);
