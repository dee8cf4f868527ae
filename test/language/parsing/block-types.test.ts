import { GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { MesoGrammar } from '../../../src/language/generated/grammar.js';
import { BLOCK_TYPES } from '../../../src/language/parsing/block-reparse.js';

/**
 * A block re-parse is exact only for rules that start with a keyword and end with a closing
 * brace that nothing may follow: a block's first and last tokens then fix where it starts and
 * ends, whatever changes between them.
 */
describe('the re-parsed block rules', () => {
    const rules = MesoGrammar().rules.filter(GrammarAST.isParserRule);
    test.each([...BLOCK_TYPES])('%s is `keyword … { … }`', name => {
        const rule = rules.find(r => r.name === name);
        expect(rule, `rule ${name}`).toBeDefined();
        const body = rule!.definition;
        expect(GrammarAST.isGroup(body) && !body.cardinality).toBe(true);
        const elements = (body as GrammarAST.Group).elements;
        const first = elements[0];
        const last = elements.at(-1)!;
        expect(GrammarAST.isKeyword(first) && !first.cardinality, `${name} starts with a keyword`).toBe(true);
        expect(GrammarAST.isKeyword(last) && last.value === '}' && !last.cardinality, `${name} ends with '}'`).toBe(true);
    });
});
