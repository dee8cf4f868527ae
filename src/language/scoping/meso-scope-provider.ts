import { AstUtils, DefaultScopeProvider, MapScope, WorkspaceCache, type ReferenceInfo, type Scope } from 'langium';
import type { MesoServices } from '../meso-module.js';
import type { MesoImports } from './imports.js';

/**
 * Global scope = the declarations of this file, then of the files it imports, then of the
 * std library. A file never sees declarations of unrelated workspace files.
 * Scopes are hash maps cached until the workspace changes: the imported level is shared by
 * every file importing the same files (a formulary may hold hundreds of substances and a
 * team hundreds of protocols importing it).
 */
export class MesoScopeProvider extends DefaultScopeProvider {
    private readonly imports: MesoImports;
    private readonly fileScopes: WorkspaceCache<string, Scope>;
    private readonly importedScopes: WorkspaceCache<string, Scope>;
    private readonly stdScopes: WorkspaceCache<string, Scope>;

    constructor(services: MesoServices) {
        super(services);
        this.imports = services.scoping.Imports;
        this.fileScopes = new WorkspaceCache(services.shared);
        this.importedScopes = new WorkspaceCache(services.shared);
        this.stdScopes = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const uri = AstUtils.getDocument(context.container).uri.toString();
        return this.fileScopes.get(`${referenceType}|${uri}`, () => {
            const std = this.imports.stdUris();
            const stdScope = this.stdScopes.get(referenceType, () => new MapScope(this.indexManager.allElements(referenceType, std)));
            const imported = this.imports.importedUris(context.container);
            const importedScope = this.importedScopes.get(`${referenceType}|${imported.key}`,
                () => new MapScope(this.indexManager.allElements(referenceType, imported.uris), stdScope));
            return new MapScope(this.indexManager.allElements(referenceType, new Set([uri])), importedScope);
        });
    }
}
