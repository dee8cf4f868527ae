import { DefaultIndexManager, isReference, stream, URI, type AstNode, type Reference, type AstNodeDescription, type LangiumDocument, type ReferenceDescription, type Stream } from 'langium';
import { isModel } from '../generated/ast.js';
import type { MesoServices } from '../meso-module.js';
import { resolveImportUri } from '../scoping/imports.js';
import type { MesoReferenceDescriptionProvider } from './meso-reference-descriptions.js';

/**
 * Meso's index: a faster `allElements` for a few URIs, "affected" extended to imports, and
 * references described when first needed.
 */
export class MesoIndexManager extends DefaultIndexManager {
    /** Linked documents whose references are not described yet. */
    private readonly undescribed = new Map<string, LangiumDocument>();

    /**
     * Langium describes every reference of a document after each build (for find references,
     * rename, and to tell which documents a change affects). Nothing reads them while the
     * document is being edited, and on a 5,000-line protocol describing them was a tenth of a
     * keystroke's time: they are described when first read, from the document's links, which
     * stay valid until the document is reset (which drops it from here).
     */
    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.undescribed.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        this.undescribed.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        for (const uri of [...this.undescribed.keys()]) this.describe(uri);
        return super.findAllReferences(targetNode, astNodePath);
    }

    /** Langium's test (a resolved reference into a changed file), read from the links themselves. */
    private refersInto(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        // Read from single references; a multi-reference (none in this grammar) is described first.
        if (this.undescribed.has(uri) && document.references.every(isReference)) {
            return document.references.some(ref => {
                const target = (ref as Reference).$nodeDescription?.documentUri.toString();
                return target !== undefined && target !== uri && changedUris.has(target);
            });
        }
        this.describe(uri);
        return super.isAffected(document, changedUris);
    }

    private describe(uri: string): void {
        const document = this.undescribed.get(uri);
        if (!document) return;
        this.undescribed.delete(uri);
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider as MesoReferenceDescriptionProvider;
        this.referenceIndex.set(uri, provider.describe(document));
    }

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
        if (this.refersInto(document, changedUris)) return true;
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
