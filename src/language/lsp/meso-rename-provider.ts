import { AstUtils, CstUtils, GrammarAST, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import type { MesoLspServices } from './lsp-module.js';
import { isStdUri } from '../std/std-library.js';
import { WHOLE_IDENTIFIER } from '../identifier.js';


/**
 * Rename that refuses std declarations, keywords and names that are not identifiers, with
 * RequestFailed (LSP 3.17: valid params, a request that cannot be done; the message says why).
 */
export class MesoRenameProvider extends DefaultRenameProvider {
    private readonly keywords: Set<string>;

    constructor(services: MesoLspServices) {
        super(services);
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value).toArray());
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        this.refuseStd(document, params);
        return super.prepareRename(document, params) as Range | undefined;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        this.refuseStd(document, params);
        if (!WHOLE_IDENTIFIER.test(params.newName)) throw new ResponseError(LSPErrorCodes.RequestFailed, `'${params.newName}' is not a valid name: use letters, digits and _ and start with a letter.`);
        if (this.keywords.has(params.newName)) throw new ResponseError(LSPErrorCodes.RequestFailed, `'${params.newName}' is a keyword of the language and cannot be a name.`);
        return super.rename(document, params);
    }

    private refuseStd(document: LangiumDocument, params: TextDocumentPositionParams): void {
        const root = document.parseResult.value.$cstNode;
        if (!root) return;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        if (!leaf) return;
        for (const target of this.references.findDeclarations(leaf)) {
            if (isStdUri(AstUtils.getDocument(target).uri)) {
                throw new ResponseError(LSPErrorCodes.RequestFailed, `'${leaf.text}' is declared in the std library and cannot be renamed. Declare your own '${leaf.text}' to shadow it.`);
            }
        }
    }
}
