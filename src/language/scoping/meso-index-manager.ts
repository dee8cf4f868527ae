import { DefaultIndexManager, stream, URI, type AstNodeDescription, type LangiumDocument, type Stream } from 'langium';
import { isModel } from '../generated/ast.js';
import type { MesoServices } from '../meso-module.js';
import { resolveImportUri } from './imports.js';

/**
 * Meso's index: a faster `allElements` for a few URIs, and "affected" extended to imports.
 */
export class MesoIndexManager extends DefaultIndexManager {

    /**
     * Langium's index manager answers `allElements(type, uris)` by walking every indexed
     * document and filtering by the URI set. Meso asks that for a handful of URIs (a file and
     * its imports) in workspaces of a thousand files, so walk the requested URIs instead.
     */
    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        if (!uris) return super.allElements(nodeType);
        return stream(uris).filter(uri => this.symbolIndex.has(uri)).map(uri => this.getFileDescriptions(uri, nodeType)).flat();
    }

    /**
     * A document is affected by a change to any file it imports, directly or through another
     * import, not only to files it holds a reference into: the limits, interactions and
     * substances of an imported formulary apply to a protocol that names none of them. Langium
     * only relinks and revalidates affected documents, so without this a protocol kept its
     * diagnostics of the formulary's previous text. An import of a file that does not exist
     * yet counts too, so that creating it clears the protocol's unresolved import.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        const root = document.parseResult?.value;
        if (!isModel(root)) return false;
        const self = document.uri.toString();
        const imports = (this.serviceRegistry.getServices(document.uri) as MesoServices).scoping.Imports;
        for (const uri of imports.visibleUris(root)) {
            if (uri !== self && changedUris.has(uri)) return true;
            // An import, at any depth, of a file that did not exist: its creation is a change too.
            const model = uri === self ? root : this.documents.getDocument(URI.parse(uri))?.parseResult?.value;
            if (isModel(model) && model.imports.some(imp => {
                const target = resolveImportUri(imp)?.toString();
                return target !== undefined && changedUris.has(target);
            })) return true;
        }
        return false;
    }
}
