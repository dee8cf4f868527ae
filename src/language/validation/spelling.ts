/**
 * Edit distance for "did you mean" suggestions: insertions, deletions, substitutions and
 * transpositions of two neighbouring letters each count 1 (`monht` is one edit from `month`),
 * the optimal string alignment distance.
 */
export function editDistance(a: string, b: string): number {
    let before = Array.from({ length: b.length + 1 }, () => 0);
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
            current.push(d);
        }
        before = previous;
        previous = current;
    }
    return previous[b.length];
}

/** The candidate nearest to `word` (case-insensitive), if it is close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) { best = c; bestDistance = d; }
    }
    return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
