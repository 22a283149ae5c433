/**
 * A time budget for one analysis, checked between the pipeline's stages (and between sentences as they are
 * parsed). Every stage is linear (or n log n)
 * in its input, so the budget is a last resort against a cost nobody foresaw, not the way cost is bounded.
 * It is cooperative (a stage runs to its end before the check), so callers that must stop a runaway stage
 * (the server, ingest, the CLI) also run the analysis in a worker thread they can terminate.
 * Browser-safe: it reads only `performance.now()`.
 */

/** Seconds of analysis allowed before any text is read: start-up and a normal article fit many times over. */
export const BUDGET_BASE_SECONDS = 10;
/**
 * Seconds allowed per megabyte of input. Normal news costs about 6.5 s per MB on one core of this project's
 * 2-core machines with the parse (npm run bench; 3 s before it), the worst adversarial shapes about 10 s per
 * MB before it (npm run bench:shapes): 30 s per MB is still a multiple of either.
 */
export const BUDGET_SECONDS_PER_MB = 30;

/** The default budget for an input of `bytes` (UTF-8 bytes, or UTF-16 code units: close enough here). */
export function defaultBudgetSeconds(bytes: number): number {
  return BUDGET_BASE_SECONDS + (BUDGET_SECONDS_PER_MB * bytes) / 1e6;
}

/**
 * The hard limit for an analysis run in a worker that can be terminated: twice its budget (which the
 * analysis checks itself, between stages) and five seconds, for a stage that never returns.
 */
export function hardLimitSeconds(length: number): number {
  return 2 * defaultBudgetSeconds(length) + 5;
}

/** Thrown when an analysis runs past its budget. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  constructor(
    /** The stage that finished (or was running) past the deadline. */
    readonly stage: string,
    readonly limitSeconds: number,
    /** Length of the input, in characters. */
    readonly inputLength: number,
  ) {
    super(`analysis stopped after the ${stage} stage: over its time budget of ${formatSeconds(limitSeconds)} for ${formatSize(inputLength)} of input`);
  }
}

export function formatSeconds(s: number): string {
  return s >= 10 || Number.isInteger(s) ? `${Math.round(s)} s` : s >= 1 ? `${s.toFixed(1)} s` : `${Number(s.toPrecision(2))} s`;
}

export function formatSize(chars: number): string {
  if (chars >= 1e6) return `${(chars / 1e6).toFixed(1)} MB`;
  if (chars >= 1e3) return `${Math.round(chars / 1e3)} kB`;
  return `${chars} characters`;
}

/** Stage timings and the budget check: `lap(stage)` after each stage. */
export class StageClock {
  private readonly started = performance.now();
  private last = this.started;

  constructor(
    private readonly limitSeconds: number,
    private readonly inputLength: number,
    private readonly onStage?: (stage: string, ms: number) => void,
  ) {}

  lap(stage: string): void {
    const now = performance.now();
    this.onStage?.(stage, now - this.last);
    this.last = now;
    if (now - this.started > this.limitSeconds * 1000) throw new BudgetExceededError(stage, this.limitSeconds, this.inputLength);
  }

  /** The budget check inside a long stage (`stage` is still running): throws when the deadline has passed. */
  check(stage: string): void {
    if (performance.now() - this.started > this.limitSeconds * 1000) throw new BudgetExceededError(stage, this.limitSeconds, this.inputLength);
  }
}
