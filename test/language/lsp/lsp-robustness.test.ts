import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers.js';

const services = createTestServices();
afterEach(() => reset(services));

const root = join(import.meta.dirname, '..', '..', '..');
const sources = ['examples/low-back-pain.meso', 'examples/knee-osteoarthritis.meso', 'examples/patients/rossi.meso', 'test/fixtures/reference/library.meso']
    .map(f => readFileSync(join(root, f), 'utf8'));

describe('every editor feature on half-typed input', () => {
    test('hover, completion, inlay hints, code lens, code actions, symbols, tokens and formatting never throw', async () => {
        const failures: string[] = [];
        for (const source of sources) {
            for (let i = 1; i <= 10; i++) {
                const text = source.slice(0, Math.floor((source.length * i) / 11));
                const doc = await buildFile(services, text);
                const uri = doc.uri.toString();
                const end = doc.textDocument.positionAt(text.length);
                const middle = doc.textDocument.positionAt(Math.floor(text.length / 2));
                const whole = { start: { line: 0, character: 0 }, end };
                const lsp = services.lsp;
                const calls: Array<[string, () => unknown]> = [
                    ['hover', () => lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri }, position: middle })],
                    ['completion', () => lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri }, position: end })],
                    ['inlay', () => lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri }, range: whole })],
                    ['lens', () => lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri } })],
                    ['actions', () => lsp.CodeActionProvider!.getCodeActions(doc, { textDocument: { uri }, range: whole, context: { diagnostics: doc.diagnostics ?? [] } })],
                    ['symbols', () => lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri } })],
                    ['tokens', () => lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument: { uri } })],
                    ['format', () => lsp.Formatter!.formatDocument(doc, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })]
                ];
                for (const [name, call] of calls) {
                    try {
                        await call();
                    } catch (e) {
                        failures.push(`${name} at ${text.length} chars: ${(e as Error).message}`);
                    }
                }
                await reset(services);
            }
        }
        expect(failures).toEqual([]);
    });
});
