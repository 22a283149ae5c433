/**
 * Attribution rules over the parse, as data: the built-in ones (attribution-rules.json beside this file) and
 * a user's (`--lexicon`'s `attributionRules`), checked and compiled here; src/annotate/attribution-parse.ts
 * runs them. A broken rule is refused with one line naming it and what is wrong.
 */
import { compilePattern, type CompiledPattern, type NodePattern, type PatternSets } from '../syntax/match.js';
import builtInRules from './attribution-rules.json' with { type: 'json' };

/** One example of a rule: a sentence and the roles the rule gives, or `none` when it must not fire. */
export interface RuleExample {
  text: string;
  cue?: string;
  source?: string | null;
  content?: string;
  none?: boolean;
}

export interface AttributionRule {
  id: string;
  description: string;
  pattern: NodePattern[];
  /** The node that is the cue, the source (optional: none for "it was said that…") and the content. */
  roles: { cue: string; source?: string; content: string };
  /** Leave out of the content the branch of its node that holds this node (the cue's own clause). */
  contentWithout?: string;
  examples: RuleExample[];
}

export const ATTRIBUTION_RULES: readonly AttributionRule[] = builtInRules.rules as AttributionRule[];

/** Where the built-in rules come from (for the generated lexicon table). */
export const ATTRIBUTION_RULES_SOURCE: string = builtInRules.source;

export interface CompiledRule {
  rule: AttributionRule;
  pattern: CompiledPattern;
  cue: number;
  source: number;
  content: number;
  without: number;
}

/** The lexicon sets a rule may name ("@cueVerbs"), read from the lexicons it runs with. */
export type RuleSets = Readonly<Record<'cueVerbs' | 'speechVerbs' | 'cueNouns' | 'documentNouns' | 'mediaNouns' | 'anonymousNouns', { has(value: string): boolean }>>;

export function patternSets(lexicons: RuleSets): PatternSets {
  const { cueVerbs, speechVerbs, cueNouns, documentNouns, mediaNouns, anonymousNouns } = lexicons;
  return { cueVerbs, speechVerbs, cueNouns, documentNouns, mediaNouns, anonymousNouns };
}

const compiledCache = new WeakMap<RuleSets, WeakMap<readonly AttributionRule[], CompiledRule[]>>();

/** Checks and compiles rules; throws a one-line Error naming the rule and what is wrong with it. */
export function compileRules(rules: readonly AttributionRule[], lexicons: RuleSets): CompiledRule[] {
  let byRules = compiledCache.get(lexicons);
  if (!byRules) compiledCache.set(lexicons, (byRules = new WeakMap()));
  const cached = byRules.get(rules);
  if (cached) return cached;
  const sets = patternSets(lexicons);
  const seen = new Set<string>();
  const compiled = rules.map((rule, k): CompiledRule => {
    const where = `attribution rule ${typeof rule?.id === 'string' ? `"${rule.id}"` : k + 1}`;
    if (typeof rule !== 'object' || rule === null) throw new Error(`${where}: expected an object, got ${JSON.stringify(rule)}`);
    if (typeof rule.id !== 'string' || !/^[a-z]+\/[a-z0-9-]+$/.test(rule.id)) throw new Error(`${where}: "id" must look like "attribution/name", got ${JSON.stringify(rule.id)}`);
    if (seen.has(rule.id)) throw new Error(`${where}: the id is used twice`);
    seen.add(rule.id);
    if (typeof rule.description !== 'string' || rule.description.length === 0) throw new Error(`${where}: "description" must be a sentence`);
    if (!Array.isArray(rule.examples) || rule.examples.length === 0) throw new Error(`${where}: "examples" must list at least one example`);
    const pattern = compilePattern(rule.pattern, sets, where);
    const node = (role: string, name: string | undefined, required: boolean): number => {
      if (name === undefined && !required) return -1;
      const i = name === undefined ? -1 : pattern.names.indexOf(name);
      if (i < 0) throw new Error(`${where}: the ${role} names "${name}", which is not a node of the pattern`);
      if (rule.pattern[i]!.absent) throw new Error(`${where}: the ${role} "${name}" is an absent node`);
      return i;
    };
    if (typeof rule.roles !== 'object' || rule.roles === null) throw new Error(`${where}: "roles" must give the cue, source and content nodes`);
    return {
      rule,
      pattern,
      cue: node('cue', rule.roles.cue, true),
      source: node('source', rule.roles.source, false),
      content: node('content', rule.roles.content, true),
      without: node('contentWithout', rule.contentWithout, false),
    };
  });
  byRules.set(rules, compiled);
  return compiled;
}

