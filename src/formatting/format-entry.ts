import { EmptyFileSystem, TextDocument, URI } from 'langium';
import type { FormatOutcome, MesoFormatterApi } from '../cli/formatter-api.js';
import { createMesoServices } from '../language/lsp/lsp-module.js';

// The entry of out/format.cjs: the language server's formatter for `meso format`, kept out
// of the CLI bundle (which carries no LSP code) and loaded only by that command.

const { shared, Meso } = createMesoServices(EmptyFileSystem);
let counter = 0;

/** Formats a `.meso` text with the server's formatter (4 spaces, as the editor's default). */
export async function formatText(text: string, fileName: string): Promise<FormatOutcome> {
    const uri = URI.file(`/meso-format/${counter++}/${fileName.split(/[\\/]/).pop() ?? 'x.meso'}`);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    const lexing = document.parseResult.lexerErrors[0];
    if (lexing) return { ok: false, line: lexing.line ?? 1, column: lexing.column ?? 1, message: lexing.message };
    const parsing = document.parseResult.parserErrors[0];
    // At the end of the text the token is EOF, without a position: the last line then.
    const at = (n: number | undefined, fallback: number) => (n !== undefined && Number.isFinite(n) && n >= 1 ? n : fallback);
    const lines = text.split(/\r\n|\r|\n/);
    if (parsing) return { ok: false, line: at(parsing.token.startLine, lines.length), column: at(parsing.token.startColumn, lines[lines.length - 1].length + 1), message: parsing.message };
    const edits = await Meso.lsp.Formatter!.formatDocument(document, { options: { tabSize: 4, insertSpaces: true }, textDocument: { uri: uri.toString() } });
    return { ok: true, text: TextDocument.applyEdits(document.textDocument, edits) };
}

// The bundle's exports are the CLI's MesoFormatterApi.
export const api: MesoFormatterApi = { formatText };
