import type { URI } from 'langium';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { MesoLangiumDocuments } from '../workspace/meso-documents.js';

/** The server's documents: a request on a document the server does not hold is `ServerCancelled`. */
export class MesoServedDocuments extends MesoLangiumDocuments {
    protected override unknownDocument(uri: URI): Error {
        return new ResponseError(LSPErrorCodes.ServerCancelled, `No document found for URI: ${uri.toString()}`);
    }
}
