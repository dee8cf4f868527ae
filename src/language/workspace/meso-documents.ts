import { DefaultLangiumDocuments, type LangiumDocument, type URI } from 'langium';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * The documents of the workspace. Langium loads a document a request names from disk when it
 * does not know it, and keeps it for good: a `references` request on any `.meso` path made the
 * language server read, validate and publish diagnostics for a file the editor never opened,
 * anywhere on disk, one more document held per path asked. Once the workspace is loaded, a
 * request may only name a document the server holds (the workspace's files, std, what the
 * editor opened); any other is the error Langium gives for them elsewhere.
 */
export class MesoLangiumDocuments extends DefaultLangiumDocuments {
    private workspaceLoaded = false;

    /** Called by the workspace manager once it has loaded every file of the workspace. */
    markWorkspaceLoaded(): void {
        this.workspaceLoaded = true;
    }

    override async getOrCreateDocument(uri: URI, cancellationToken?: CancellationToken): Promise<LangiumDocument> {
        if (this.workspaceLoaded && !this.hasDocument(uri)) {
            throw new ResponseError(LSPErrorCodes.ServerCancelled, `No document found for URI: ${uri.toString()}`);
        }
        return super.getOrCreateDocument(uri, cancellationToken);
    }
}
