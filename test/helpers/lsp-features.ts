import type { LangiumDocument } from 'langium';
import type { MesoLspServices } from '../../src/language/lsp/lsp-module.js';

/**
 * Calls every editor feature on a document (hover in the middle, completion at the end,
 * inlay hints, code lens, code actions with its diagnostics, symbols, semantic tokens,
 * formatting); returns one line per feature that threw.
 */
export async function exerciseFeatures(services: MesoLspServices, doc: LangiumDocument): Promise<string[]> {
    const uri = doc.uri.toString();
    const text = doc.textDocument.getText();
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
    const failures: string[] = [];
    for (const [name, call] of calls) {
        try {
            await call();
        } catch (e) {
            failures.push(`${name} on ${doc.uri.path} (${text.length} chars): ${(e as Error).message}`);
        }
    }
    return failures;
}
