import { AstUtils, DefaultScopeProvider, MapScope, WorkspaceCache, type AstNode, type ReferenceInfo, type Scope } from 'langium';
import type { MesoServices } from '../meso-module.js';
import type { MesoImports } from './imports.js';
import { UriSetCache } from './uri-set-cache.js';

/**
 * Global scope = the declarations of this file, then of the files it imports, then of the
 * std library. A file never sees declarations of unrelated workspace files.
 * Scopes are hash maps: a file's own level is cached until the workspace changes; the
 * imported level (shared by every file importing the same files: a formulary may hold
 * hundreds of substances and a team hundreds of protocols importing it) and the std level
 * are kept until one of the files they were built from changes.
 */
export class MesoScopeProvider extends DefaultScopeProvider {
    private readonly imports: MesoImports;
    private readonly fileScopes: WorkspaceCache<string, Scope>;
    private readonly importedScopes: UriSetCache<Scope>;
    private readonly stdScopes: UriSetCache<Scope>;
    private readonly localScopes: WorkspaceCache<AstNode, Map<string, Scope>>;

    constructor(services: MesoServices) {
        super(services);
        this.imports = services.scoping.Imports;
        this.fileScopes = new WorkspaceCache(services.shared);
        this.importedScopes = new UriSetCache(services.shared);
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
            const imported = this.imports.importedUris(context.container);
            // The imported level's parent is the std level: it depends on both sets.
            const importedScope = this.importedScopes.get(`${referenceType}|${imported.key}`, new Set([...imported.uris, ...std]),
                () => new MapScope(this.indexManager.allElements(referenceType, imported.uris), stdScope));
            return new MapScope(this.indexManager.allElements(referenceType, new Set([uri])), importedScope);
        });
    }
}
