import { describe, expect, test } from 'vitest';
import { parseFixture } from '../../helpers/fixture-harness.js';

describe('fixture markers', () => {
    test('strip «» and pair ranges with codes in order', () => {
        const f = parseFixture('a «bc» d «e» // @one @two\nplain');
        expect(f.text).toBe('a bc d e // @one @two\nplain');
        expect(f.expected).toEqual([{ line: 0, start: 2, end: 4, code: 'one' }, { line: 0, start: 7, end: 8, code: 'two' }]);
    });

    test('a code without a range is a fixture error', () => {
        expect(() => parseFixture('a b // @one')).toThrow(/1 @codes/);
    });
});

describe('fixture markers on one range', () => {
    test('several codes share a single range', () => {
        expect(parseFixture('x «y» // @a @b').expected).toEqual([
            { line: 0, start: 2, end: 3, code: 'a' }, { line: 0, start: 2, end: 3, code: 'b' }]);
    });
});
