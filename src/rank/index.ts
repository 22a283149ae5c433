/**
 * The check-worthiness stage: how likely a fact-checker is to choose each claim for checking, by the model
 * in src/models/checkworthiness.json (scripts/train-checkworthy.ts, trained on CLEF-2019 CheckThat! Task 1).
 */
import type { Claim } from '../model/types.js';
import checkworthinessModel from '../models/checkworthiness.json' with { type: 'json' };
import { RankContext, type RankInput, type RankUnit } from './features.js';
import { deserializeModel, probability, type CheckworthinessModel, type SerializedCheckworthinessModel } from './model.js';

/** The shipped model's fingerprint (scripts/fingerprint.ts): what it was trained from. */
export const CHECKWORTHINESS_MODEL_FINGERPRINT: string = (checkworthinessModel as { fingerprint?: { code?: string } }).fingerprint?.code ?? 'none';

let model: CheckworthinessModel | null = null;

/** The shipped model, decoded on first use. */
export function checkworthinessModelOf(): CheckworthinessModel {
  model ??= deserializeModel(checkworthinessModel as unknown as SerializedCheckworthinessModel);
  return model;
}

/**
 * Each unit's calibrated check-worthiness in [0, 1], rounded to `digits` decimals (three in an analysis: the
 * same on every platform; more where a ranking of thousands of lines must not tie).
 */
export function scoreUnits(input: RankInput, units: readonly RankUnit[], m: CheckworthinessModel = checkworthinessModelOf(), digits = 3): number[] {
  const ctx = new RankContext(input);
  const scale = 10 ** digits;
  return units.map((u) => {
    const { features, values } = ctx.hashes(u);
    return Math.round(probability(m, features, values) * scale) / scale;
  });
}

/** Each claim's check-worthiness, in the claims' order. */
export function scoreClaims(input: RankInput, m: CheckworthinessModel = checkworthinessModelOf()): number[] {
  return scoreUnits(input, claimUnits(input.claims), m);
}

function claimUnits(claims: readonly Claim[]): RankUnit[] {
  return claims.map((c) => ({ start: c.start, end: c.end, claims: [c] }));
}
