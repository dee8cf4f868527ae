import { Cancellation, DefaultLangiumDocuments, type LangiumDocument, type URI } from 'langium';

/**
 * The documents of the workspace. Langium loads a document a request names from disk when it
 * does not know it, and keeps it for good: a `references` request on any `.meso` path made the
 * language server read, validate and publish diagnostics for a file the editor never opened,
 * anywhere on disk, one more document held per path asked. Once the workspace is loaded, a
 * request may only name a document the server holds (the workspace's files, std, what the
 * editor opened); any other is refused (the server answers it with the LSP error Langium
 * gives for unknown documents elsewhere: `MesoServedDocuments`).
 */
export class MesoLangiumDocuments extends DefaultLangiumDocuments {
    private workspaceLoaded = false;

    /** Called by the workspace manager once it has loaded every file of the workspace. */
    markWorkspaceLoaded(): void {
        this.workspaceLoaded = true;
    }

    override async getOrCreateDocument(uri: URI, cancellationToken?: Cancellation.CancellationToken): Promise<LangiumDocument> {
        if (this.workspaceLoaded && !this.hasDocument(uri)) throw this.unknownDocument(uri);
        return super.getOrCreateDocument(uri, cancellationToken);
    }

    /** The error for a document asked for once the workspace is loaded that is not held. */
    protected unknownDocument(uri: URI): Error {
        return new Error(`No document found for URI: ${uri.toString()}`);
    }
}
