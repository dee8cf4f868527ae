import { DefaultIndexManager, stream, type AstNodeDescription, type Stream } from 'langium';

/**
 * Langium's index manager answers `allElements(type, uris)` by walking every indexed
 * document and filtering by the URI set. Meso asks that for a handful of URIs (a file and
 * its imports) in workspaces of a thousand files, so walk the requested URIs instead.
 */
export class MesoIndexManager extends DefaultIndexManager {
    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        if (!uris) return super.allElements(nodeType);
        return stream(uris).filter(uri => this.symbolIndex.has(uri)).map(uri => this.getFileDescriptions(uri, nodeType)).flat();
    }
}
