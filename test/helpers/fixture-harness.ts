/**
 * Fixture-driven diagnostics. In a fixture, `«…»` marks the exact range of an expected
 * diagnostic and a trailing `// @code` names it; several on one line pair up in order
 * (`«a» «b» // @code-a @code-b`), and one range may carry several codes (`«a» // @x @y`).
 * Every expectation has a range. The harness strips the
 * markers, builds the file with every file of `support/` beside it, and fails on any
 * missing or unexpected diagnostic.
 */
export interface Expectation {
    readonly line: number;
    readonly start: number;
    readonly end: number;
    readonly code: string;
}

export interface Fixture {
    readonly text: string;
    readonly expected: Expectation[];
}

const MARKER = /\/\/\s*((?:@[a-z-]+\s*)+)$/;

export function parseFixture(source: string): Fixture {
    const expected: Expectation[] = [];
    const lines = source.split('\n').map((raw, line) => {
        const codes = MARKER.exec(raw)?.[1].trim().split(/\s+/).map(c => c.slice(1)) ?? [];
        let text = '';
        const ranges: Array<[number, number]> = [];
        let open = -1;
        for (const ch of raw) {
            if (ch === '\u00AB') { open = text.length; continue; }
            if (ch === '\u00BB') { ranges.push([open, text.length]); continue; }
            text += ch;
        }
        if (ranges.length === 1 && codes.length > 1) {
            // Several diagnostics on one range: `«x» // @a @b`.
            codes.forEach(code => expected.push({ line, start: ranges[0][0], end: ranges[0][1], code }));
            return text;
        }
        if (ranges.length !== codes.length) {
            throw new Error(`fixture line ${line + 1}: ${ranges.length} «» ranges but ${codes.length} @codes`);
        }
        ranges.forEach(([start, end], i) => expected.push({ line, start, end, code: codes[i] }));
        return text;
    });
    return { text: lines.join('\n'), expected };
}

export function formatExpectation(e: Expectation): string {
    return `${e.line + 1}:${e.start + 1}-${e.end + 1} ${e.code}`;
}
