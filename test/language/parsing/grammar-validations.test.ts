import { EmptyFileSystem, inject } from 'langium';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { MesoGeneratedModule, MesoGeneratedSharedModule, MesoLanguageMetaData } from '../../../src/language/generated/module.js';
import { MesoModule, MesoSharedModule } from '../../../src/language/meso-module.js';

/**
 * The build generates the language in production mode: Chevrotain then skips its checks of the
 * grammar (ambiguous alternatives, left recursion, token conflicts) when a parser is built,
 * which took about a tenth of a second at every start of `meso` and of the language server.
 * This test builds the lexer and parser once with those checks on.
 */
describe('the grammar passes Chevrotain\'s checks', () => {
    test('the generated language is in production mode', () => {
        expect(MesoLanguageMetaData.mode).toBe('production');
    });

    test('a lexer and parser built in development mode report no grammar problem', () => {
        const logged: unknown[] = [];
        const original = console.log;
        console.log = (...args: unknown[]) => { logged.push(args); };
        try {
            const shared = inject(createDefaultSharedModule(EmptyFileSystem), MesoGeneratedSharedModule, MesoSharedModule);
            const meso = inject(createDefaultModule({ shared }), MesoGeneratedModule, MesoModule,
                { LanguageMetaData: () => ({ ...MesoLanguageMetaData, mode: 'development' as const }) });
            const parsed = meso.parser.LangiumParser.parse('protocol p { mixture m { saline 1 mL } }');
            expect(parsed.parserErrors).toEqual([]);
        } finally {
            console.log = original;
        }
        expect(logged, 'Chevrotain logged grammar warnings').toEqual([]);
    });
});
