import type { LangiumDocument, LangiumDocuments } from 'langium';
import { DefaultDefinitionProvider, type DocumentLinkProvider } from 'langium/lsp';
import type { DefinitionParams, DocumentLink, DocumentLinkParams, LocationLink } from 'vscode-languageserver';
import { isModel } from '../generated/ast.js';
import type { MesoLspServices as MesoServices } from './lsp-module.js';
import { displayUri, importAt, importsOf } from './import-paths.js';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Document links on import paths, to the files the server holds (std and missing files have none). */
export class MesoDocumentLinkProvider implements DocumentLinkProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: MesoServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): DocumentLink[] {
        return importsOf(document)
            .filter(({ target }) => this.documents.hasDocument(target))
            .map(({ target, range }) => ({ range, target: target.toString(), tooltip: `Open ${displayUri(target)}` }));
    }
}

/** Go to definition on an import's path opens the imported file; elsewhere, Langium's. */
export class MesoDefinitionProvider extends DefaultDefinitionProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: MesoServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async getDefinition(document: LangiumDocument, params: DefinitionParams): Promise<LocationLink[] | undefined> {
        const position = document.textDocument.positionAt(document.textDocument.offsetAt(params.position));
        const found = importAt(document, position);
        if (found) {
            const target = this.documents.getDocument(found.target);
            if (!target) return undefined;
            const range = target.parseResult.value.$cstNode?.range ?? START;
            return [{ originSelectionRange: found.range, targetUri: found.target.toString(), targetRange: range, targetSelectionRange: START }];
        }
        return super.getDefinition(document, params);
    }
}

/** The hover of an import: the file it names and what that file declares, or why it is not read. */
export function importHover(document: LangiumDocument, position: { line: number; character: number }, services: MesoServices): string | undefined {
    const found = importAt(document, position);
    if (!found) return undefined;
    const imports = services.scoping.Imports;
    const refusal = imports.refusal(found.target);
    const target = services.shared.workspace.LangiumDocuments.getDocument(found.target);
    const where = `\`${displayUri(found.target)}\``;
    if (refusal || !target) {
        const why = refusal?.reason === 'not-meso' ? 'only .meso files can be imported'
            : refusal?.reason === 'outside' ? `it is outside the project folder \`${displayUri(refusal.root)}\``
                : imports.loadFailure(found.target) ?? 'no such .meso file is open or in the workspace';
        return `**import** ${where}\n\nNot read: ${why}.`;
    }
    const root = target.parseResult.value;
    const names = isModel(root) ? root.elements.flatMap(e => 'name' in e && typeof e.name === 'string' ? [`${e.$type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} \`${e.name}\``] : []) : [];
    const shown = names.slice(0, 12).join(', ');
    return `**import** ${where}\n\n${names.length === 0 ? 'Declares nothing.' : `Declares ${names.length}: ${shown}${names.length > 12 ? ', …' : ''}.`}`;
}
