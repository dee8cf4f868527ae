import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, buildFiles, createTestServices, reset } from '../../helpers/services.js';
import { PROTOCOL, positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('navigation and structure', () => {
    test('find references of a session: its declaration and every phase using it', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const refs = await services.lsp.ReferencesProvider!.findReferences(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'standard {'), context: { includeDeclaration: true } });
        expect(refs.map(r => r.range.start.line + 1)).toEqual([16, 20, 21, 22]);
    });

    test('document highlight marks the uses of a mixture', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const highlights = await services.lsp.DocumentHighlightProvider!.getDocumentHighlight(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'antalgic') });
        expect(highlights!.map(h => h.range.start.line + 1)).toEqual([5, 17]);
    });

    test('folding ranges for every multi-line block', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const ranges = await services.lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument: { uri: doc.uri.toString() } });
        const starts = ranges.map(r => r.startLine + 1);
        expect(starts).toEqual(expect.arrayContaining([1, 5, 10, 16, 19]));
    });

    test('workspace symbols find declarations across files, std included', async () => {
        await buildFiles(services, { 'a.meso': PROTOCOL, 'b.meso': 'substance house_mix { source "clinic" }' });
        const symbols = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'house' });
        expect(symbols.map(s => s.name)).toContain('house_mix');
        const std = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'piroxicam' });
        expect(std.some(s => s.location.uri === 'meso-std:/nsaids.meso')).toBe(true);
    });

    test('std documents are served as text to the editor (workspace/textDocumentContent)', async () => {
        // As in the server: the workspace manager is ready once the workspace (std included) is loaded.
        await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const provider = services.shared.lsp.TextDocumentContentProvider!;
        expect(provider.schemes).toEqual(['meso-std']);
        const result = await provider.provideTextDocumentContent({ uri: 'meso-std:/nsaids.meso' }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() { /* nothing */ } }) });
        expect(result?.text).toContain('substance piroxicam');
    });
});
