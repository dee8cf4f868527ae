import { describe, expect, test } from 'vitest';
import { documentedSeverities } from '../../helpers/diagnostics-docs.js';
import { parseFixture } from '../../helpers/fixture-harness.js';

describe('fixture markers', () => {
    test('strip «» and pair ranges with codes in order, at the documented default severity', () => {
        const f = parseFixture('a «bc» d «e» // @unused @shadows-std\nplain');
        expect(f.text).toBe('a bc d e // @unused @shadows-std\nplain');
        expect(f.expected).toEqual([
            { line: 0, start: 2, end: 4, code: 'unused', severity: 'hint' },
            { line: 0, start: 7, end: 8, code: 'shadows-std', severity: 'info' }]);
    });

    test('a code may name its severity', () => {
        expect(parseFixture('a «b» // @overdose-session:warning').expected).toEqual([
            { line: 0, start: 2, end: 3, code: 'overdose-session', severity: 'warning' }]);
    });

    test('a code without a range is a fixture error', () => {
        expect(() => parseFixture('a b // @unused')).toThrow(/1 @codes/);
    });

    test('an unknown code, an unknown severity, or a code documented only "as declared" without one is a fixture error', () => {
        expect(() => parseFixture('«a» // @overdose')).toThrow(/@overdose is not a code of docs\/diagnostics.md/);
        expect(() => parseFixture('«a» // @unused:fatal')).toThrow(/'fatal' is not a severity/);
        expect(() => parseFixture('«a» // @interaction')).toThrow(/@interaction has no default severity .*write @interaction:<severity>/);
    });
});

describe('fixture markers on one range', () => {
    test('several codes share a single range', () => {
        expect(parseFixture('x «y» // @unused @syntax-error:warning').expected).toEqual([
            { line: 0, start: 2, end: 3, code: 'unused', severity: 'hint' },
            { line: 0, start: 2, end: 3, code: 'syntax-error', severity: 'warning' }]);
    });
});

describe('documented default severities', () => {
    test('are read from the summary table of docs/diagnostics.md', () => {
        const severities = documentedSeverities();
        expect(severities.get('overdose-session')).toBe('error');
        expect(severities.get('contraindicated')).toBe('error');     // "error, or as declared"
        expect(severities.get('missing-skin-test')).toBe('warning'); // "warning (as declared)"
        expect(severities.get('shadows-std')).toBe('info');
        expect(severities.get('unused')).toBe('hint');
        expect(severities.has('interaction')).toBe(true);
        expect(severities.get('interaction')).toBeUndefined();       // "as declared"
    });
});
