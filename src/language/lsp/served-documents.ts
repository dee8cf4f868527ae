import type { URI } from 'langium';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { MesoLangiumDocuments } from '../workspace/meso-documents.js';

/**
 * The server's documents: a request on a document the server does not hold is InvalidParams
 * (the params name no document); ServerCancelled, which Langium gives, tells the client to retry.
 */
export class MesoServedDocuments extends MesoLangiumDocuments {
    protected override unknownDocument(uri: URI): Error {
        return new ResponseError(ErrorCodes.InvalidParams, `No document found for URI: ${uri.toString()}`);
    }
}
