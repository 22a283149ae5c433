/**
 * The allegation graph and the sourcing graph as plain data, shared by the DOT, HTML and annotation
 * outputs: which actors take part, which edges, and what each edge rests on (its claim's chain).
 */
import type { Analysis, Claim, Entity, EntityType, Relation, Source } from '../model/types.js';

/**
 * What a claim (and so every edge drawn from it) rests on: the innermost source of its chain, in the
 * terms of the sourcing profile (src/link/claims.ts counts claims the same way).
 */
export type Basis = 'own-voice' | 'named' | 'anonymous' | 'unnamed';

export const BASIS_LABEL: Record<Basis, string> = {
  'own-voice': "the outlet's own voice",
  named: 'a named source',
  anonymous: 'anonymous sources',
  unnamed: 'an unnamed document or unresolved speaker',
};

/** One colour per basis, used by every view so the chart, chains and graph read alike. */
export const BASIS_COLOR: Record<Basis, string> = {
  'own-voice': '#4a5d75',
  named: '#1d7a55',
  anonymous: '#c0392b',
  unnamed: '#b26a00',
};

export function basisOf(claim: Pick<Claim, 'chain'> | undefined, sources: readonly Source[]): Basis {
  if (!claim || claim.chain.length <= 1) return 'own-voice';
  const origin = sources.find((s) => s.id === claim.chain[claim.chain.length - 1]);
  if (!origin) return 'own-voice';
  if (origin.kind === 'anonymous') return 'anonymous';
  if (origin.named && !origin.unresolved) return 'named';
  return 'unnamed';
}

/** The basis a single source stands for when it is the innermost link of a chain. */
export function sourceBasis(source: Source): Basis {
  if (source.kind === 'outlet') return 'own-voice';
  return basisOf({ chain: ['', source.id] }, [source]);
}

export interface GraphNode {
  /** Safe identifier for DOT and HTML ids (`n0`, `n1`…), never taken from the text. */
  key: string;
  entity: Entity;
}

export interface GraphEdge {
  key: string;
  /** The first relation of the edge; `relations` holds all of them when parallel ones are merged. */
  relation: Relation;
  relations: Relation[];
  tail: string;
  head: string;
  /** The claim of each relation, same order (undefined where the claim id is unknown). */
  claims: Array<Claim | undefined>;
  basis: Basis;
}

export interface GraphOptions {
  /**
   * Draw parallel relations (same actors, same direction, same basis, hedging, negation and modality)
   * as one edge listing their predicates: a picture stays readable when an article repeats itself.
   */
  merge?: boolean;
}

export interface PartOfEdge {
  tail: string;
  head: string;
}

export interface AllegationGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  partOf: PartOfEdge[];
}

/**
 * Actors that take part in a relation, the part-of links between organisations and the wholes they belong
 * to (when both take part), and one edge per relation (or per group of parallel ones, with `merge`). Relations naming an unknown entity are left out rather than drawn to nowhere.
 */
export function allegationGraph(analysis: Pick<Analysis, 'entities' | 'relations' | 'claims' | 'sources'>, options: GraphOptions = {}): AllegationGraph {
  const entityById = new Map(analysis.entities.map((e) => [e.id, e]));
  const claimById = new Map(analysis.claims.map((c) => [c.id, c]));
  const relations = analysis.relations.filter((r) => entityById.has(r.subject) && entityById.has(r.object));
  const used = new Set<string>();
  for (const r of relations) used.add(r.subject).add(r.object);
  const nodes: GraphNode[] = [];
  const keyOf = new Map<string, string>();
  for (const e of analysis.entities) {
    if (!used.has(e.id)) continue;
    const key = `n${nodes.length}`;
    keyOf.set(e.id, key);
    nodes.push({ key, entity: e });
  }
  const edges: GraphEdge[] = [];
  const byGroup = new Map<string, GraphEdge>();
  for (const relation of relations) {
    const claim = claimById.get(relation.claim);
    const basis = basisOf(claim, analysis.sources);
    const group = [relation.subject, relation.object, basis, relation.hedged, relation.negated, relation.modality].join('|');
    const same = options.merge ? byGroup.get(group) : undefined;
    if (same) {
      same.relations.push(relation);
      same.claims.push(claim);
      continue;
    }
    const edge: GraphEdge = { key: `e${edges.length}`, relation, relations: [relation], tail: keyOf.get(relation.subject)!, head: keyOf.get(relation.object)!, claims: [claim], basis };
    edges.push(edge);
    byGroup.set(group, edge);
  }
  const partOf: PartOfEdge[] = [];
  for (const n of nodes) {
    // Organisations and armed groups belonging to a state; people "part of" a state are its officials, shown by role.
    if (n.entity.type !== 'organization' && n.entity.type !== 'armed_group') continue;
    const whole = n.entity.partOf === undefined ? undefined : keyOf.get(n.entity.partOf);
    if (whole !== undefined && whole !== n.key) partOf.push({ tail: n.key, head: whole });
  }
  return { nodes, edges, partOf };
}

export interface ChainNode {
  key: string;
  source: Source;
  basis: Basis;
}

export interface ChainEdge {
  tail: string;
  head: string;
  /** Claims whose chain runs through this hop. */
  claims: number;
  hedged: number;
}

/** Who says what on whose authority: every hop of every claim's chain, merged, counted. */
export function chainGraph(analysis: Pick<Analysis, 'claims' | 'sources'>): { nodes: ChainNode[]; edges: ChainEdge[]; ownVoice: number } {
  const sourceById = new Map(analysis.sources.map((s) => [s.id, s]));
  const nodes: ChainNode[] = [];
  const keyOf = new Map<string, string>();
  const node = (id: string): string | undefined => {
    const source = sourceById.get(id);
    if (!source) return undefined;
    let key = keyOf.get(id);
    if (key === undefined) {
      key = `s${nodes.length}`;
      keyOf.set(id, key);
      nodes.push({ key, source, basis: sourceBasis(source) });
    }
    return key;
  };
  const edges = new Map<string, ChainEdge>();
  let ownVoice = 0;
  for (const c of analysis.claims) {
    if (c.chain.length <= 1) ownVoice++;
    const first = c.chain[0];
    if (first !== undefined) node(first);
    for (let i = 1; i < c.chain.length; i++) {
      const tail = node(c.chain[i - 1]!);
      const head = node(c.chain[i]!);
      if (tail === undefined || head === undefined) continue;
      const k = `${tail}>${head}`;
      const e = edges.get(k) ?? { tail, head, claims: 0, hedged: 0 };
      // A claim counts on every hop it passes through.
      e.claims++;
      if (c.hedges.length > 0) e.hedged++;
      edges.set(k, e);
    }
  }
  return { nodes, edges: [...edges.values()], ownVoice };
}

export const ENTITY_TYPE_LABEL: Record<EntityType, string> = {
  state: 'state',
  organization: 'organisation',
  armed_group: 'armed group',
  person: 'person',
  place: 'place',
  other: 'other',
};

/** The predicates of an edge as a label: `shelter ×2, assist`; `not …` when negated, `?` for a question. */
export function edgeLabel(edge: Pick<GraphEdge, 'relations'>): string {
  const counts = new Map<string, number>();
  for (const r of edge.relations) counts.set(r.predicate, (counts.get(r.predicate) ?? 0) + 1);
  const first = edge.relations[0]!;
  const modality = first.modality === 'conditional' ? ' (if)' : first.modality === 'question' ? '?' : '';
  const list = [...counts].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', ');
  return `${first.negated ? 'not ' : ''}${list}${modality}`;
}
