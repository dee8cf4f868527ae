import { AstUtils, DefaultScopeProvider, MapScope, stream, WorkspaceCache, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream } from 'langium';
import type { MesoServices } from '../meso-module.js';
import type { ImportGraph } from './import-graph.js';
import type { MesoImports } from './imports.js';
import { UriSetCache } from './uri-set-cache.js';

/**
 * Global scope = the declarations of this file, then of the files it imports, then of the
 * std library. A file never sees declarations of unrelated workspace files.
 * A file's own level is a hash map cached until the workspace changes; the imported level
 * asks the import graph per name (answers shared by every file importing the same files, and
 * composed along a chain of imports instead of copied into each file's scope); the std level
 * is kept until a std file changes.
 */
export class MesoScopeProvider extends DefaultScopeProvider {
    private readonly imports: MesoImports;
    private readonly fileScopes: WorkspaceCache<string, Scope>;
    private readonly graph: ImportGraph;
    private readonly stdScopes: UriSetCache<Scope>;
    private readonly localScopes: WorkspaceCache<AstNode, Map<string, Scope>>;

    constructor(services: MesoServices) {
        super(services);
        this.imports = services.scoping.Imports;
        this.fileScopes = new WorkspaceCache(services.shared);
        this.graph = services.scoping.ImportGraph;
        this.stdScopes = new UriSetCache(services.shared);
        this.localScopes = new WorkspaceCache(services.shared);
    }

    /**
     * Like Langium's: local declarations of each enclosing container, innermost first, then
     * the global scope. Each local layer is a hash map built once per container and reference
     * type: a large protocol has thousands of references to its own mixtures and sessions,
     * and a linear scope per reference made linking quadratic in the protocol's size.
     */
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const containers: AstNode[] = [];
        for (let node: AstNode | undefined = context.container; node; node = node.$container) {
            if (localSymbols?.has(node)) containers.push(node);
        }
        let result = this.getGlobalScope(referenceType, context);
        for (let i = containers.length - 1; i >= 0; i--) {
            const container = containers[i];
            let byType = this.localScopes.get(container);
            if (!byType) this.localScopes.set(container, byType = new Map());
            let scope = byType.get(referenceType);
            if (!scope) {
                const elements = localSymbols!.getStream(container).filter(d => this.reflection.isSubtype(d.type, referenceType));
                byType.set(referenceType, scope = new MapScope(elements, result));
            }
            result = scope;
        }
        return result;
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const uri = AstUtils.getDocument(context.container).uri.toString();
        return this.fileScopes.get(`${referenceType}|${uri}`, () => {
            const std = this.imports.stdUris();
            const stdScope = this.stdScopes.get(referenceType, std, () => new MapScope(this.indexManager.allElements(referenceType, std)));
            const importedScope = new ImportedScope(this.graph, uri, referenceType, stdScope, () =>
                new MapScope(this.indexManager.allElements(referenceType, new Set(this.graph.importedUris(uri)))));
            return new MapScope(this.indexManager.allElements(referenceType, new Set([uri])), importedScope);
        });
    }
}

/**
 * The declarations of `type` in the files a file imports, transitively, then `outer` (std):
 * what a hash map over those files, in URI order, would answer (the last declaration of a
 * name wins), asked name by name. All its elements (for a misspelt name's suggestion and
 * for completion) are listed only when asked.
 */
class ImportedScope implements Scope {
    private readonly found = new Map<string, AstNodeDescription | undefined>();
    private all: Scope | undefined;

    constructor(private readonly graph: ImportGraph, private readonly uri: string, private readonly type: string,
        private readonly outer: Scope, private readonly listAll: () => Scope) {}

    private lookup(name: string): AstNodeDescription | undefined {
        if (this.found.has(name)) return this.found.get(name);
        const d = this.graph.imported(this.uri, name, this.type)?.last;
        this.found.set(name, d);
        return d;
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.lookup(name) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const d = this.lookup(name);
        return stream(d ? [d] : []).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        this.all ??= this.listAll();
        return this.all.getAllElements().concat(this.outer.getAllElements());
    }
}
