import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName, type SeverityName } from '../../src/language/validation/severity.js';
import { codeOf } from '../../src/language/validation/report.js';
import { documentedSeverities } from './diagnostics-docs.js';

/**
 * Fixture-driven diagnostics. In a fixture, `«…»` marks the exact range of an expected
 * diagnostic and a trailing `// @code` names it; several on one line pair up in order
 * (`«a» «b» // @code-a @code-b`), and one range may carry several codes (`«a» // @x @y`).
 * A code may name its severity (`// @overdose-session:warning`); without one it is the
 * default severity of docs/diagnostics.md's summary table, and a code whose severity is
 * only "as declared" there (`interaction`) must name it. Every expectation has a range and
 * a severity. The harness strips the markers, builds the file with every file of
 * `support/` beside it, and fails on any missing or unexpected diagnostic.
 */
export interface Expectation {
    readonly line: number;
    readonly start: number;
    readonly end: number;
    readonly code: string;
    readonly severity: SeverityName;
}

export interface Fixture {
    readonly text: string;
    readonly expected: Expectation[];
}

const MARKER = /\/\/\s*((?:@[a-z-]+(?::[a-z]+)?\s*)+)$/;
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint'];

function parseMarker(marker: string, line: number, defaults: ReadonlyMap<string, SeverityName | undefined>): { code: string; severity: SeverityName } {
    const [code, named] = marker.slice(1).split(':');
    if (!defaults.has(code)) throw new Error(`fixture line ${line + 1}: @${code} is not a code of docs/diagnostics.md`);
    if (named !== undefined && !SEVERITIES.includes(named)) throw new Error(`fixture line ${line + 1}: '${named}' is not a severity (${SEVERITIES.join(', ')})`);
    const severity = (named as SeverityName | undefined) ?? defaults.get(code);
    if (!severity) throw new Error(`fixture line ${line + 1}: @${code} has no default severity in docs/diagnostics.md: write @${code}:<severity>`);
    return { code, severity };
}

export function parseFixture(source: string, defaults = documentedSeverities()): Fixture {
    const expected: Expectation[] = [];
    const lines = source.split('\n').map((raw, line) => {
        const markers = MARKER.exec(raw)?.[1].trim().split(/\s+/).map(m => parseMarker(m, line, defaults)) ?? [];
        let text = '';
        const ranges: Array<[number, number]> = [];
        let open = -1;
        for (const ch of raw) {
            if (ch === '\u00AB') { open = text.length; continue; }
            if (ch === '\u00BB') { ranges.push([open, text.length]); continue; }
            text += ch;
        }
        if (ranges.length === 1 && markers.length > 1) {
            // Several diagnostics on one range: `«x» // @a @b`.
            markers.forEach(m => expected.push({ line, start: ranges[0][0], end: ranges[0][1], ...m }));
            return text;
        }
        if (ranges.length !== markers.length) {
            throw new Error(`fixture line ${line + 1}: ${ranges.length} «» ranges but ${markers.length} @codes`);
        }
        ranges.forEach(([start, end], i) => expected.push({ line, start, end, ...markers[i] }));
        return text;
    });
    return { text: lines.join('\n'), expected };
}

export function formatExpectation(e: Expectation): string {
    return `${e.line + 1}:${e.start + 1}-${e.end + 1} ${e.severity} ${e.code}`;
}

/** A diagnostic as an expectation (its range on its first line, as markers give it). */
export function asExpectation(d: Diagnostic): Expectation {
    return { line: d.range.start.line, start: d.range.start.character, end: d.range.end.character, code: codeOf(d), severity: severityName(d) };
}
