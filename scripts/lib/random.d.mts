// Types of random.mjs, for the TypeScript tests that use it.

/** A seeded random source (mulberry32). */
export interface Random {
    /** A number in [0, 1). */
    next(): number;
    /** An integer in [lo, hi], both included. */
    int(lo: number, hi: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
    /** A weighted pick: entries are [value, weight]. */
    weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
    shuffle<T>(items: readonly T[]): T[];
}

export function createRandom(seed: number): Random;
