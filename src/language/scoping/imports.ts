import { AstUtils, UriUtils, URI, WorkspaceCache, type AstNode, type LangiumCoreServices, type LangiumDocuments } from 'langium';
import { isModel, type Import, type Model } from '../generated/ast.js';
import { isStdUri } from '../std/std-library.js';

/** The URI an import statement points at, resolved against the importing file. */
export function resolveImportUri(imp: Import): URI | undefined {
    const doc = AstUtils.getDocument(imp);
    if (!imp.path) return undefined;
    return UriUtils.resolvePath(UriUtils.dirname(doc.uri), imp.path);
}

/**
 * Which documents a document sees: itself, everything it imports (transitively, cycles
 * tolerated) and, separately, the std library. Cached until the workspace changes.
 */
export class MesoImports {
    private readonly documents: LangiumDocuments;
    private readonly cache: WorkspaceCache<string, Set<string>>;
    private readonly std: WorkspaceCache<'std', Set<string>>;

    constructor(services: LangiumCoreServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(services.shared);
        this.std = new WorkspaceCache(services.shared);
    }

    /** URIs (as strings) of the document and every document it imports, transitively. */
    visibleUris(node: AstNode): Set<string> {
        const uri = AstUtils.getDocument(node).uri.toString();
        return this.cache.get(uri, () => this.collect(uri));
    }

    /**
     * What a document sees besides itself and std: the URIs it imports (transitively), and
     * a key naming that set, so that the many protocols importing one formulary can share
     * whatever is computed from it (scopes, name maps, library rules).
     */
    importedUris(node: AstNode): { uris: Set<string>; key: string } {
        const self = AstUtils.getDocument(node).uri.toString();
        const std = this.stdUris();
        const uris = [...this.visibleUris(node)].filter(u => u !== self && !std.has(u)).sort();
        return { uris: new Set(uris), key: uris.join('\n') };
    }

    /** URIs of all std documents. */
    stdUris(): Set<string> {
        return this.std.get('std', () => new Set(this.documents.all.filter(d => isStdUri(d.uri)).map(d => d.uri.toString()).toArray()));
    }

    private collect(start: string): Set<string> {
        const seen = new Set<string>([start]);
        const queue = [start];
        while (queue.length > 0) {
            const current = queue.pop()!;
            const doc = this.documents.getDocument(URI.parse(current));
            const root = doc?.parseResult.value;
            if (!root || !isModel(root)) continue;
            for (const imp of (root as Model).imports) {
                const target = resolveImportUri(imp)?.toString();
                if (target && !seen.has(target) && this.documents.hasDocument(URI.parse(target))) {
                    seen.add(target);
                    queue.push(target);
                }
            }
        }
        return seen;
    }
}
