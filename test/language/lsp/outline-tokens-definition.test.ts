import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { PROTOCOL, positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('outline, semantic tokens and definition', () => {
    test('document symbols outline protocols and their members', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(symbols.map(s => s.name)).toEqual(['low_back_pain']);
        expect(symbols[0].children!.map(s => s.name)).toEqual(['antalgic', 'paravertebral', 'standard', 'attack', 'treatment']);
    });

    test('semantic tokens mark std references as defaultLibrary, local ones not', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const provider = services.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
        const legend = provider.semanticTokensOptions.legend;
        // Decode the LSP relative encoding: [deltaLine, deltaStart, length, type, modifiers].
        const decoded: Array<{ text: string; type: string; modifiers: string[] }> = [];
        let line = 0;
        let start = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [dl, ds, length, type, mods] = tokens.data.slice(i, i + 5);
            line += dl;
            start = dl === 0 ? start + ds : ds;
            decoded.push({
                text: doc.textDocument.getText({ start: { line, character: start }, end: { line, character: start + length } }),
                type: legend.tokenTypes[type],
                modifiers: legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0)
            });
        }
        expect(decoded.find(t => t.text === 'lidocaine')).toEqual({ text: 'lidocaine', type: 'function', modifiers: ['defaultLibrary'] });
        expect(decoded.find(t => t.text === 'IDS')).toEqual({ text: 'IDS', type: 'enum', modifiers: ['defaultLibrary'] });
        expect(decoded.filter(t => t.text === 'antalgic').map(t => [t.type, t.modifiers])).toEqual([['struct', ['declaration']], ['struct', []]]);
    });

    test('phase names are label tokens, and every token type and modifier is in the legend (full and range)', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const provider = services.lsp.SemanticTokenProvider!;
        const legend = provider.semanticTokensOptions.legend;
        const uri = doc.uri.toString();
        const full = await provider.semanticHighlight(doc, { textDocument: { uri } });
        const ranged = await provider.semanticHighlightRange(doc, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
        for (const tokens of [full, ranged]) {
            expect(tokens.data.length % 5).toBe(0);
            for (let i = 0; i < tokens.data.length; i += 5) {
                expect(Number.isInteger(tokens.data[i + 3]) && tokens.data[i + 3] < legend.tokenTypes.length, `type at ${i}: ${tokens.data[i + 3]}`).toBe(true);
                expect(tokens.data[i + 4] >>> legend.tokenModifiers.length, `modifiers at ${i}`).toBe(0);
            }
        }
        const label = legend.tokenTypes.indexOf('label');
        const attack = positionOf(doc, 'attack');
        let line = 0, start = 0;
        const labels: Array<[number, number]> = [];
        for (let i = 0; i < full.data.length; i += 5) {
            line += full.data[i];
            start = full.data[i] === 0 ? start + full.data[i + 1] : full.data[i + 1];
            if (full.data[i + 3] === label) labels.push([line, start]);
        }
        expect(labels).toContainEqual([attack.line, attack.character]);
        expect(labels).toHaveLength(2);
    });

    test('go to definition of a std substance lands in the std document', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const links = await services.lsp.DefinitionProvider!.getDefinition(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'piroxicam') });
        expect(links![0].targetUri).toBe('meso-std:/nsaids.meso');
    });
});
