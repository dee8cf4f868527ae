import { DefaultDocumentBuilder, type DocumentState, type URI } from 'langium';
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/**
 * Langium's document builder; waiting for a document the server does not hold is InvalidParams
 * (the request names no document), not ServerCancelled, a code LSP reserves for requests the
 * client may send again.
 */
export class MesoDocumentBuilder extends DefaultDocumentBuilder {
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        if (!this.langiumDocuments.getDocument(uri)) {
            return Promise.reject(new ResponseError(ErrorCodes.InvalidParams, `No document found for URI: ${uri.toString()}`));
        }
        return super.awaitDocumentState(state, uri, cancelToken);
    }
}
