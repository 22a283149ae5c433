/**
 * Where a claim carried by several outlets comes from, and whether the outlets' many voices are really one:
 * circular reporting. Pure and browser-safe.
 *
 * Each article's claim has a chain of sources from the outlet to the innermost origin. A chain whose innermost
 * source is another outlet carrying the same claim is followed into that outlet's own chains (outlets citing
 * each other). What remains is the claim's effective origins. The cluster is flagged circular when several
 * outlets carry it, at least one of them gives a source, and no chain ends in a named origin outside the
 * circle of outlets: every chain ends in an unnamed origin, in the outlets themselves citing each other, or
 * in nothing but an outlet's own voice.
 */
import type { SourceKind } from '../model/types.js';

export interface ChainLink {
  name: string;
  kind: SourceKind;
  named: boolean;
  /** Outlet behind a media report, when the analysis found one. */
  outlet?: string | null;
}

export interface ClusterClaim {
  docId: string;
  outlet: string;
  published: string | null;
  /** Wire agency whose copy the document runs (byline or dateline), or null. */
  wire: string | null;
  text: string;
  /** From the outlet (first) to the innermost origin (last). */
  chain: ChainLink[];
}

export interface Origin {
  name: string;
  kind: SourceKind;
  named: boolean;
}

/** An origin as a reader sees it: "reliable intelligence sources (anonymous, unnamed)". */
export function originLabel(o: Origin, name: string = o.name): string {
  return `${name} (${o.kind}${o.named ? '' : ', unnamed'})`;
}

/** What a claim across outlets rests on, in words: its origins, or the outlets' own voice when it has none. */
export function restsOn(origins: readonly Origin[], name: (o: Origin) => string = (o) => o.name): string {
  return `rests on ${origins.length > 0 ? origins.map((o) => originLabel(o, name(o))).join('; ') : "the outlets' own voice"}`;
}

export interface OriginReport {
  origins: Origin[];
  circular: boolean;
  reason: string;
  /** The chains that show it, one line each: "Outlet → Source (kind) → …". */
  chains: string[];
}

const WIRES: Array<[RegExp, string]> = [
  [/^(the )?(associated press|ap)( news)?$/i, 'Associated Press'],
  [/^(thomson )?reuters$/i, 'Reuters'],
  [/^(agence france[- ]presse|afp)$/i, 'Agence France-Presse'],
  [/^(united press international|upi)$/i, 'United Press International'],
];

/** The wire agency a source name or byline stands for, or null. */
export function wireName(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().replace(/[.]/g, '');
  for (const [re, canon] of WIRES) if (re.test(n)) return canon;
  return null;
}

/** Detects wire copy from a byline or the text's opening ("WASHINGTON (AP) —", "By Reuters"). */
export function detectWire(byline: string | null, text: string): string | null {
  const fromByline = byline ? (byline.split(/\s*(?:,|and|\|)\s*/).map((b) => wireName(b.replace(/^by\s+/i, ''))).find((w) => w) ?? null) : null;
  if (fromByline) return fromByline;
  const head = text.slice(0, 400);
  const m = /\((AP|Reuters|AFP|UPI)\)\s*[—–-]/.exec(head) ?? /^\s*By\s+(The Associated Press|Associated Press|Reuters|AFP)\b/im.exec(head);
  return m ? wireName(m[1]!) : null;
}

/** Outlet names compared loosely: case, a leading "the", punctuation and spacing do not matter. */
export function outletKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function describe(link: ChainLink): string {
  return link.kind === 'outlet' ? link.name : `${link.kind === 'anonymous' ? `“${link.name}”` : link.name} (${link.kind === 'media' ? 'report' : link.kind})`;
}

function chainText(c: ClusterClaim): string {
  const links = c.chain.length > 0 ? c.chain : [{ name: c.outlet, kind: 'outlet' as const, named: true }];
  const parts = links.map((l, i) => (i === 0 ? c.outlet : describe(l)));
  if (links.length === 1) parts.push(c.wire ? `${c.wire} (wire copy)` : '(its own voice, no source given)');
  return parts.join(' → ');
}

type Ending =
  | { type: 'named'; origin: Origin }
  | { type: 'unnamed'; origin: Origin }
  | { type: 'own-voice'; outlet: string }
  | { type: 'loop' };

/** Origins of one cluster of claims, and whether its reporting is circular. */
export function analyzeOrigins(input: readonly ClusterClaim[]): OriginReport {
  // Earliest first, so lists read in the order the claim spread (undated last, in the given order).
  const claims = [...input].sort((a, b) => (a.published === b.published ? 0 : a.published === null ? 1 : b.published === null ? -1 : a.published < b.published ? -1 : 1));
  const outlets = new Map<string, string>(); // key → display name
  for (const c of claims) if (!outlets.has(outletKey(c.outlet))) outlets.set(outletKey(c.outlet), c.outlet);
  const byOutlet = new Map<string, ClusterClaim[]>();
  for (const c of claims) {
    const k = outletKey(c.outlet);
    const list = byOutlet.get(k) ?? [];
    list.push(c);
    byOutlet.set(k, list);
  }

  /** The outlet of the cluster a link stands for, if it is one of them (and not the claim's own outlet). */
  const citedOutlet = (link: ChainLink, own: string): string | null => {
    // By name, whatever kind one article's analysis guessed: it cannot know the corpus's outlets.
    if (link.kind === 'anonymous') return null;
    for (const name of [link.outlet, link.name]) {
      if (!name) continue;
      const k = outletKey(name);
      if (k !== own && outlets.has(k)) return k;
    }
    return null;
  };

  const citations = new Map<string, Set<string>>(); // outlet key → keys of the cluster's outlets it cites
  const endingsOf = (c: ClusterClaim, seen: Set<string>): Ending[] => {
    const own = outletKey(c.outlet);
    if (c.chain.length <= 1) {
      if (c.wire) return [{ type: 'named', origin: { name: c.wire, kind: 'media', named: true } }];
      return [{ type: 'own-voice', outlet: c.outlet }];
    }
    const last = c.chain[c.chain.length - 1]!;
    const cited = citedOutlet(last, own);
    if (cited !== null) {
      const cites = citations.get(own) ?? new Set<string>();
      citations.set(own, cites.add(cited));
      if (seen.has(cited)) return [{ type: 'loop' }];
      const next = new Set(seen).add(cited);
      // The cited outlet's own chains; if it states the claim in its own voice, that voice is the origin.
      return byOutlet.get(cited)!.flatMap((d) => endingsOf(d, next));
    }
    // An outlet citing itself ("The Daily Meridian has learned") speaks in its own voice.
    if (outletKey(last.outlet ?? last.name) === own || outletKey(last.name) === own) return [{ type: 'own-voice', outlet: c.outlet }];
    const wire = wireName(last.outlet ?? last.name);
    if (wire) return [{ type: 'named', origin: { name: wire, kind: 'media', named: true } }];
    const origin: Origin = { name: last.name, kind: last.kind, named: last.named };
    const unnamed = !last.named || last.kind === 'anonymous' || last.kind === 'unknown';
    return [unnamed ? { type: 'unnamed', origin } : { type: 'named', origin }];
  };

  const endings = claims.map((c) => endingsOf(c, new Set([outletKey(c.outlet)])));
  const all = endings.flat();
  const origins = new Map<string, Origin>();
  for (const e of all) {
    if (e.type === 'named' || e.type === 'unnamed') {
      const k = `${e.origin.named ? outletKey(e.origin.name) : e.origin.name.toLowerCase()}|${e.origin.kind}`;
      if (!origins.has(k)) origins.set(k, e.origin);
    }
  }
  // A bare unnamed origin inside a more specific one of the same kind ("sources" beside "intelligence
  // sources", a headline's shorthand for its body's attribution) is shown once, as the specific one.
  const properSuffixes = new Set<string>();
  for (const o of origins.values()) {
    if (o.named) continue;
    const words = o.name.toLowerCase().split(/\s+/);
    for (let i = 1; i < words.length; i++) properSuffixes.add(`${o.kind}|${words.slice(i).join(' ')}`);
  }
  for (const [k, o] of origins) if (!o.named && properSuffixes.has(`${o.kind}|${o.name.toLowerCase()}`)) origins.delete(k);
  const namedKeys = new Set(all.filter((e) => e.type === 'named').map((e) => outletKey((e as { origin: Origin }).origin.name)));
  const named = [...namedKeys];
  const chains = [...new Set(claims.map(chainText))];
  const outletList = [...outlets.values()];
  const originList = [...origins.values()].sort((a, b) => Number(b.named) - Number(a.named) || a.name.localeCompare(b.name));

  if (outlets.size < 2) {
    return { origins: originList, circular: false, reason: `carried by one outlet only (${outletList[0] ?? 'unknown'})`, chains };
  }
  const namedNames = originList.filter((o) => o.named).map((o) => o.name);
  if (named.length >= 2) {
    return {
      origins: originList,
      circular: false,
      reason: `${outlets.size} outlets rest on ${named.length} distinct named origins: ${namedNames.join(', ')}`,
      chains,
    };
  }
  if (named.length === 1) {
    return {
      origins: originList,
      circular: false,
      reason: `${outlets.size} outlets rest on one named, on-record origin: ${namedNames[0]} (single-sourced, not circular)`,
      chains,
    };
  }
  if (claims.every((c) => c.chain.length <= 1 && !c.wire)) {
    return {
      origins: originList,
      circular: false,
      reason: `${outlets.size} outlets state it in their own voice; none gives a source to follow`,
      chains,
    };
  }
  // No named origin outside the circle of outlets: say what the chains end in.
  const unnamed = originList.filter((o) => !o.named);
  const loops = all.some((e) => e.type === 'loop');
  const parts: string[] = [];
  if (loops) parts.push('outlets citing each other in a loop');
  if (unnamed.length === 1) parts.push(`one unnamed origin (“${unnamed[0]!.name}”)`);
  else if (unnamed.length > 1) parts.push(`unnamed origins (${unnamed.map((o) => `“${o.name}”`).join(', ')})`);
  const voices = [...new Set(all.flatMap((e) => (e.type === 'own-voice' ? [e.outlet] : [])))];
  if (voices.length > 0) parts.push(`the unsourced word of ${voices.join(', ')}`);
  const citing = [...citations].flatMap(([from, to]) => [...to].map((t) => `${outlets.get(from)} cites ${outlets.get(t)}`));
  return {
    origins: originList,
    circular: true,
    reason:
      `${outlets.size} outlets (${outletList.join(', ')}) carry it, but ` +
      (citing.length > 0 ? `they cite each other (${citing.join('; ')}) and ` : '') +
      `every chain ends in ${parts.join(' or ')}, with no independent named origin`,
    chains,
  };
}
