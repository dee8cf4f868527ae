import type { Parameters } from 'fast-check';

/**
 * Run settings shared by every property. CI uses the fixed seed and the small run count
 * written in each test; `npm run fuzz` (scripts/test/fuzz.mjs) sets MESO_FUZZ_SEED and
 * MESO_FUZZ_RUNS to run the same properties longer, with a seed it prints.
 */
const env = process.env;

function positiveInteger(name: string): number | undefined {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not '${raw}'.`);
    return n;
}

const fuzzSeed = positiveInteger('MESO_FUZZ_SEED');
const fuzzRuns = positiveInteger('MESO_FUZZ_RUNS');

/** True under `npm run fuzz`: tests may then widen what they cover (e.g. truncate every file). */
export const fuzzing = fuzzSeed !== undefined || fuzzRuns !== undefined;

/**
 * fast-check parameters for one property: its CI seed and run count, unless the fuzz script
 * overrides them. `interruptAfterTimeLimit` is not used: a run must be reproducible from its seed.
 */
export function runs<T>(seed: number, numRuns: number): Parameters<T> {
    return { seed: fuzzSeed ?? seed, numRuns: fuzzRuns ?? numRuns, endOnFailure: false };
}

/** Vitest timeout for a property: generous under fuzzing, where runs are many. */
export const propertyTimeout = fuzzing ? 0 : 60_000;
