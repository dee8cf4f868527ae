import { EmptyFileSystem, inject } from 'langium';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { describe, expect, test, vi } from 'vitest';
import { MesoGeneratedModule, MesoGeneratedSharedModule, MesoLanguageMetaData } from '../../../src/language/generated/module.js';
import { MesoModule, MesoSharedModule } from '../../../src/language/meso-module.js';
import { stdFiles } from '../../../src/language/std/std-files.generated.js';
import { corpus } from '../../helpers/corpus.js';

/**
 * The build generates the language in production mode: Chevrotain then skips its checks of the
 * grammar (token conflicts, left recursion, ambiguous alternatives) when a parser is built,
 * which took about a tenth of a second at every start of `meso` and of the language server.
 * This test builds the lexer and parser with the checks on and parses every example, fixture
 * and std file with them (ambiguities are reported when a decision is first taken).
 */
describe('the grammar passes Chevrotain\'s checks', () => {
    test('the generated language is in production mode', () => {
        expect(MesoLanguageMetaData.mode).toBe('production');
    });

    test('in development mode, building the parser and parsing every example, fixture and std file reports no grammar problem', () => {
        const reported: unknown[] = [];
        const spies = (['log', 'warn', 'error'] as const).map(level => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { reported.push(args); }));
        try {
            const shared = inject(createDefaultSharedModule(EmptyFileSystem), MesoGeneratedSharedModule, MesoSharedModule);
            const meso = inject(createDefaultModule({ shared }), MesoGeneratedModule, MesoModule,
                { LanguageMetaData: () => ({ ...MesoLanguageMetaData, mode: 'development' as const }) });
            const texts = [...corpus.map(f => f.text), ...stdFiles.map(f => f.text)];
            expect(texts.length).toBeGreaterThan(40);
            for (const text of texts) meso.parser.LangiumParser.parse(text);
        } finally {
            spies.forEach(spy => spy.mockRestore());
        }
        expect(reported, 'Chevrotain reported grammar problems').toEqual([]);
    });
});
