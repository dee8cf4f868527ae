import { GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { MesoGrammar } from '../../src/language/generated/grammar.js';
import { IDENTIFIER, WHOLE_IDENTIFIER } from '../../src/language/identifier.js';

describe('the identifier pattern shared by rename, output file names and stale-output lookup', () => {
    test('is the grammar\'s ID terminal', () => {
        const id = MesoGrammar().rules.find(r => r.name === 'ID');
        expect(GrammarAST.isTerminalRule(id)).toBe(true);
        const definition = (id as GrammarAST.TerminalRule).definition;
        expect(GrammarAST.isRegexToken(definition) ? definition.regex : undefined).toBe(`/${IDENTIFIER.source}/`);
    });

    test('a whole identifier only: no path, dot or space', () => {
        expect(['piroxicam', 'µg_mix', 'crème_2', '_x'].filter(n => WHOLE_IDENTIFIER.test(n))).toHaveLength(4);
        expect(['../x', 'a.b', 'a b', '1a', 'a/b', 'a\\b', ''].filter(n => WHOLE_IDENTIFIER.test(n))).toEqual([]);
    });
});
