import { GrammarUtils, UriUtils, type URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { isModel, type Import } from '../generated/ast.js';
import { resolveImportUri, type MesoImports } from '../scoping/imports.js';
import { isStdUri } from '../std/std-library.js';

/**
 * The path of `target` relative to the folder of `from`, as an import writes it (`/` separated,
 * `./` never needed): `formulary.meso`, `../shared/formulary.meso`. Undefined across schemes
 * or authorities, where no relative path leads.
 */
export function relativeImportPath(from: URI, target: URI): string | undefined {
    if (from.scheme !== target.scheme || from.authority !== target.authority) return undefined;
    const base = UriUtils.dirname(from).path.split('/').filter(Boolean);
    const parts = target.path.split('/').filter(Boolean);
    let common = 0;
    while (common < base.length && common < parts.length - 1 && base[common] === parts[common]) common++;
    return [...base.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

/** The range of an import's path text, without its quotes. */
export function importPathRange(imp: Import): Range | undefined {
    const cst = GrammarUtils.findNodeForProperty(imp.$cstNode, 'path');
    if (!cst) return undefined;
    const { start, end } = cst.range;
    const closed = cst.text.length > 1 && cst.text.endsWith('"');
    return { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - (closed ? 1 : 0) } };
}

/** The imports of a document with the file each names (resolved; it may not exist). */
export function importsOf(document: LangiumDocument): Array<{ imp: Import; target: URI; range: Range }> {
    const root = document.parseResult.value;
    if (!isModel(root)) return [];
    return root.imports.flatMap(imp => {
        const target = resolveImportUri(imp);
        const range = importPathRange(imp);
        return target && range ? [{ imp, target, range }] : [];
    });
}

/** The import whose path is under `position`, if any. */
export function importAt(document: LangiumDocument, position: Position): { imp: Import; target: URI; range: Range } | undefined {
    return importsOf(document).find(({ range }) => contains(range, position));
}

function contains(range: Range, p: Position): boolean {
    const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
    const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
    return after && before;
}

/**
 * Completion inside the string of an `import "..."` (closed or not yet): the `.meso` files the
 * server holds that the import may name (the project's, not std, not the document itself), as
 * paths relative to the document. Undefined when the cursor is not in an import's string.
 */
export function importPathCompletions(document: LangiumDocument, position: Position, documents: LangiumDocuments, imports: MesoImports, insertReplace: boolean): CompletionItem[] | undefined {
    const line = document.textDocument.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
    const before = /^\s*import\s+"([^"]*)$/.exec(line.slice(0, position.character));
    if (!before) return undefined;
    const start = { line: position.line, character: position.character - before[1].length };
    const rest = line.slice(position.character).replace(/[\r\n]+$/, '');
    const quote = rest.indexOf('"');
    const end = { line: position.line, character: position.character + (quote < 0 ? rest.length : quote) };
    const self = document.uri.toString();
    const items: CompletionItem[] = [];
    for (const other of documents.all) {
        const uri = other.uri;
        if (uri.toString() === self || isStdUri(uri) || !uri.path.endsWith('.meso') || imports.refusal(uri)) continue;
        const path = relativeImportPath(document.uri, uri);
        if (!path) continue;
        items.push({
            label: path,
            kind: CompletionItemKind.File,
            detail: uri.scheme === 'file' ? uri.fsPath : uri.toString(),
            // Nearer files first: fewer `..` and folders.
            sortText: `${String(path.split('/').length).padStart(3, '0')}${path}`,
            textEdit: insertReplace ? { newText: path, insert: { start, end: position }, replace: { start, end } } : { newText: path, range: { start, end: position } }
        });
    }
    return items.sort((a, b) => a.sortText!.localeCompare(b.sortText!));
}

/** A URI's text for a message: its file path when it is a file. */
export function displayUri(uri: URI): string {
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
