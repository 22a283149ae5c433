/**
 * The pipeline is a declared list of stages, checked when built (as wink-nlp refuses an invalid pipe):
 * every layer read is written by an earlier stage, none is written twice, and each stage writes what it says.
 */
import { describe, expect, it } from 'vitest';
import { buildPipeline, describePipeline, PIPELINE, runStages, type Layers, type Stage } from '../src/pipeline.js';
import { StageClock } from '../src/model/budget.js';
import { analyze } from '../src/index.js';
import { defaultLexicons } from '../src/lexicons/index.js';

const stage = (name: string, reads: Stage['reads'], writes: Stage['writes'], run: Stage['run'] = () => {}): Stage => ({ name, does: name, reads, writes, run });

describe('the declared pipeline', () => {
  it('runs extract → segment → annotate → link → rank, each layer written once before it is read', () => {
    const rows = describePipeline();
    expect(rows.map((r) => r.stage)).toEqual([
      'extract', 'segment', 'quotes', 'attribution-rules', 'attribution-tagger', 'attribution-subjects',
      'sources', 'hedges', 'techniques', 'claims', 'entities', 'relations', 'checkworthiness',
    ]);
    const written = new Set<string>();
    for (const r of rows) {
      for (const layer of r.reads) expect(written.has(layer), `${r.stage} reads ${layer}`).toBe(true);
      for (const layer of r.writes) {
        expect(written.has(layer), `${layer} written twice`).toBe(false);
        written.add(layer);
      }
    }
    // Every layer of an analysis comes from a stage.
    for (const layer of ['quotes', 'cues', 'sources', 'sourceMentions', 'attributions', 'hedges', 'claims', 'profile', 'techniques', 'entities', 'relations', 'checkworthiness']) {
      expect(written.has(layer), layer).toBe(true);
    }
  });

  it('times every stage in order through onStage', () => {
    const seen: string[] = [];
    analyze('“It is over,” he said.', { onStage: (name) => seen.push(name) });
    expect(seen).toEqual(PIPELINE.map((s) => s.name));
  });

  it('refuses an invalid pipeline with one line naming the stage and the layer', () => {
    const bad: Array<[Stage[], RegExp]> = [
      [[stage('segment', ['article'], ['tokens'])], /stage "segment" reads "article", which no earlier stage writes/],
      [[stage('a', [], ['article']), stage('b', ['article'], ['article'])], /stage "b" writes "article", which stage "a" already writes/],
      [[stage('a', [], ['article']), stage('a', [], ['tokens'])], /two stages are named "a"/],
      [[stage('a', [], [])], /stage "a" writes nothing/],
    ];
    for (const [stages, message] of bad) {
      expect(() => buildPipeline(stages)).toThrow(message);
    }
  });

  it('a stage that leaves a declared layer unset is caught when it runs', () => {
    const stages = buildPipeline([stage('extract', [], ['article'])]);
    const layers: Layers = { input: 'x', options: {}, format: 'text', lexicons: defaultLexicons() };
    expect(() => runStages(stages, layers, new StageClock(Infinity, 1))).toThrow('pipeline: stage "extract" did not write "article"');
  });

  it('options that turn a stage off still give its layers, empty', () => {
    const a = analyze('Iran has secretly trained Houthi fighters, officials said.', { entities: false, techniques: false });
    expect(a.entities).toEqual([]);
    expect(a.relations).toEqual([]);
    expect(a.techniques).toEqual([]);
    expect(a.attributions.length).toBeGreaterThan(0);
  });
});
