import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { stdFiles } from './std-files.generated.js';

/** URI scheme of the built-in standard library documents. */
export const STD_SCHEME = 'meso-std';

/** The URI of a std file, e.g. `meso-std:///substances.meso`. */
export function stdUri(path: string): URI {
    return URI.from({ scheme: STD_SCHEME, path: `/${path}` });
}

/** True for documents of the built-in standard library. */
export function isStdUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? uri : uri.toString()).startsWith(`${STD_SCHEME}:`);
}

/**
 * Adds the std documents to the workspace if they are not there yet. The server, the CLI and
 * the tests all go through here, so they see the same library.
 */
export function addStdDocuments(shared: LangiumSharedCoreServices): LangiumDocument[] {
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const added: LangiumDocument[] = [];
    for (const file of stdFiles) {
        const uri = stdUri(file.path);
        if (!documents.hasDocument(uri)) {
            const document = factory.fromString(file.text, uri);
            documents.addDocument(document);
            added.push(document);
        }
    }
    return added;
}
