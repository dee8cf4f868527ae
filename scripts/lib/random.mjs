// A seeded PRNG shared by the benchmarks (corpora) and the language-server resilience test
// (random edits): the same seed gives the same sequence everywhere.

/** mulberry32: a small, fast, fully deterministic 32-bit PRNG. */
export function createRandom(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        /** An integer in [lo, hi], both included. */
        int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
        pick: (items) => items[Math.floor(next() * items.length)],
        chance: (p) => next() < p,
        /** A weighted pick: entries are [value, weight]. */
        weighted: (entries) => {
            const total = entries.reduce((s, [, w]) => s + w, 0);
            let r = next() * total;
            for (const [value, w] of entries) {
                r -= w;
                if (r < 0) return value;
            }
            return entries[entries.length - 1][0];
        },
        shuffle: (items) => {
            const a = [...items];
            for (let i = a.length - 1; i > 0; i--) {
                const j = Math.floor(next() * (i + 1));
                [a[i], a[j]] = [a[j], a[i]];
            }
            return a;
        }
    };
}
