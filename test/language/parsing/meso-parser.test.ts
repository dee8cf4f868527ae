import { AstUtils, LangiumParser, type AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { hasParserInternals, linkContainers, MesoParser } from '../../../src/language/parsing/meso-parser.js';
import { stdFiles } from '../../../src/language/std/std-files.generated.js';
import { corpus } from '../../helpers/corpus.js';
import { createTestServices } from '../../helpers/services.js';

// MesoParser is Langium's parser with its last step (setting every node's container) done
// without allocating per node. It must give the very trees Langium's gives.

const services = createTestServices();
const parser = services.parser.LangiumParser;

/** Each node's container fields, in walk order. */
function containerFields(root: AstNode) {
    return AstUtils.streamAst(root).map(n => ({ type: n.$type, container: n.$container, property: n.$containerProperty, index: n.$containerIndex })).toArray();
}

function unlink(root: AstNode): void {
    for (const node of AstUtils.streamAst(root)) {
        const fields = node as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
        delete fields.$container;
        delete fields.$containerProperty;
        delete fields.$containerIndex;
    }
}

/** Texts cut short, and with a line dropped: trees Chevrotain's error recovery built. */
function broken(text: string): string[] {
    const lines = text.split('\n');
    return [text.slice(0, Math.floor(text.length / 2)), lines.filter((_, i) => i !== Math.floor(lines.length / 3)).join('\n')];
}

describe('MesoParser', () => {
    test('is the parser of the Meso services', () => {
        expect(parser).toBeInstanceOf(MesoParser);
    });

    test('sets the same container fields as Langium\'s linkContentToContainer, on every example, fixture and std file, whole and broken', () => {
        const texts = [...corpus.map(f => f.text), ...stdFiles.map(f => f.text)];
        expect(texts.length).toBeGreaterThan(40);
        let withErrors = 0;
        let nodes = 0;
        for (const text of texts.flatMap(t => [t, ...broken(t)])) {
            const result = parser.parse(text);
            if (result.parserErrors.length > 0) withErrors++;
            const ours = containerFields(result.value);
            nodes += ours.length;
            unlink(result.value);
            expect(containerFields(result.value).every(f => f.container === undefined && f.property === undefined)).toBe(true);
            AstUtils.linkContentToContainer(result.value, { deep: true });
            expect(containerFields(result.value)).toEqual(ours);
            unlink(result.value);
            linkContainers(result.value);
            expect(containerFields(result.value)).toEqual(ours);
        }
        expect(withErrors).toBeGreaterThan(20);
        expect(nodes).toBeGreaterThan(4_000);
    });

    test('copies Langium\'s parse: if Langium\'s changes, compare it with MesoParser.parse and update both', () => {
        const langiums = LangiumParser.prototype.parse.toString().replace(/\s+/g, ' ');
        expect(langiums).toBe('parse(input, options = {}) { this.nodeBuilder.buildRootNode(input); const lexerResult = this.lexerResult = this.lexer.tokenize(input); '
            + 'this.wrapper.input = lexerResult.tokens; const ruleMethod = options.rule ? this.allRules.get(options.rule) : this.mainRule; if (!ruleMethod) { '
            + 'throw new Error(options.rule ? `No rule found with name \'${options.rule}\'` : \'No main rule available.\'); } const result = this.doParse(ruleMethod); '
            + 'this.nodeBuilder.addHiddenNodes(lexerResult.hidden); this.unorderedGroups.clear(); this.lexerResult = undefined; '
            + 'linkContentToContainer(result, { deep: true }); return { value: result, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, '
            + 'parserErrors: this.wrapper.errors }; }');
    });

    test('finds the private members it uses, and without them parses with Langium\'s own parse', () => {
        expect(hasParserInternals(parser)).toBe(true);
        // What a Langium release that renamed `doParse` would look like to the check.
        const renamed = Object.create(parser, { doParse: { value: undefined } }) as LangiumParser;
        expect(hasParserInternals(renamed)).toBe(false);

        const text = corpus.find(f => f.path === 'examples/low-back-pain.meso')!.text;
        const fields = (root: AstNode) => containerFields(root).map(f => `${f.type} ${f.property} ${f.index}`);
        const expected = fields(parser.parse(text).value);
        const fresh = createTestServices().parser.LangiumParser;
        (fresh as unknown as { internalsChecked: boolean }).internalsChecked = false;
        const langiumParse = LangiumParser.prototype.parse;
        let langiumParses = 0;
        LangiumParser.prototype.parse = function (this: LangiumParser, ...args: Parameters<typeof langiumParse>) {
            langiumParses++;
            return langiumParse.apply(this, args);
        } as typeof langiumParse;
        try {
            expect(fields(fresh.parse(text).value)).toEqual(expected);
            expect(langiumParses).toBe(1);
        } finally {
            LangiumParser.prototype.parse = langiumParse;
        }
    });
});
