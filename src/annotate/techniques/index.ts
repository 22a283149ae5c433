/**
 * The technique stage of the pipeline: propaganda-technique spans (SemEval-2020 Task 11's 14 classes)
 * found and labelled by the trained models in src/models/techniques.json (scripts/train-techniques.ts).
 */
import type { Technique } from '../../model/types.js';
import type { TechniqueInput } from './features.js';
import { deserializeModel, detectTechniques, type SerializedTechniqueModel, type TechniqueModel } from './model.js';
import techniquesModel from '../../models/techniques.json' with { type: 'json' };

/** The shipped technique models' fingerprint (scripts/fingerprint.ts): what they were trained from. */
export const TECHNIQUES_MODEL_FINGERPRINT: string = (techniquesModel as { fingerprint?: { code?: string } }).fingerprint?.code ?? 'none';

let model: TechniqueModel | null = null;

/** The shipped model, decoded on first use. */
export function techniqueModel(): TechniqueModel {
  model ??= deserializeModel(techniquesModel as unknown as SerializedTechniqueModel);
  return model;
}

/** Technique findings of an article with ids `t0, t1…` in text order; sentences in `skip` are left out. */
export function findTechniques(input: TechniqueInput, skip?: ReadonlySet<number>): Technique[] {
  return detectTechniques(techniqueModel(), input, skip).map((t, i) => ({ id: `t${i}`, ...t }));
}

/** Ids of the findings overlapping [start, end). */
export function techniquesWithin(techniques: readonly Technique[], start: number, end: number): string[] {
  return techniques.filter((t) => t.start < end && start < t.end).map((t) => t.id);
}
