import { DefaultScopeProvider, type ReferenceInfo, type Scope } from 'langium';
import type { MesoServices } from '../meso-module.js';
import type { MesoImports } from './imports.js';

/**
 * Global scope = the declarations of this file and of the files it imports, in front of
 * the std library. A file never sees declarations of unrelated workspace files.
 */
export class MesoScopeProvider extends DefaultScopeProvider {
    private readonly imports: MesoImports;

    constructor(services: MesoServices) {
        super(services);
        this.imports = services.scoping.Imports;
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const visible = this.imports.visibleUris(context.container);
        const std = this.imports.stdUris();
        const own = [...visible].filter(u => !std.has(u));
        const stdScope = this.createScope(this.indexManager.allElements(referenceType, std));
        return this.createScope(this.indexManager.allElements(referenceType, new Set(own)), stdScope);
    }
}
