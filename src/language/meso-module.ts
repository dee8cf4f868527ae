import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, DefaultTextDocumentContentProvider, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { MesoGeneratedModule, MesoGeneratedSharedModule } from './generated/module.js';
import { MesoLspModule } from './lsp/lsp-module.js';
import { MesoImports } from './scoping/imports.js';
import { MesoLangiumDocuments } from './workspace/meso-documents.js';
import { MesoIndexManager } from './workspace/meso-index-manager.js';
import { MesoLinker } from './scoping/meso-linker.js';
import { MesoReferenceDescriptionProvider } from './workspace/meso-reference-descriptions.js';
import { MesoScopeComputation } from './scoping/meso-scope-computation.js';
import { MesoScopeProvider } from './scoping/meso-scope-provider.js';
import { MesoValueConverter } from './parsing/meso-value-converter.js';
import { createMesoParser } from './parsing/meso-parser.js';
import { LibraryRules } from './semantics/limits.js';
import { MesoSemantics } from './semantics/meso-semantics.js';
import { MesoWorkspaceManager } from './workspace/meso-workspace-manager.js';
import { STD_SCHEME } from './std/std-library.js';
import { MesoDocumentValidator } from './validation/meso-document-validator.js';
import { MesoValidationRegistry } from './validation/meso-validation-registry.js';
import { registerValidationChecks } from './validation/register.js';
import { MesoDocumentFactory } from './workspace/meso-document-factory.js';
import { MesoTextRefusals } from './workspace/text-refusals.js';

/** Services added by Meso on top of Langium's. */
export interface MesoAddedServices {
    scoping: { Imports: MesoImports };
    semantics: { Semantics: MesoSemantics; Rules: LibraryRules };
    workspace: { TextRefusals: MesoTextRefusals };
}

export type MesoServices = LangiumServices & MesoAddedServices;

export const MesoModule: Module<MesoServices, PartialLangiumServices & MesoAddedServices> = {
    parser: {
        LangiumParser: (services) => createMesoParser(services),
        ValueConverter: () => new MesoValueConverter()
    },
    references: {
        ScopeComputation: (services) => new MesoScopeComputation(services),
        ScopeProvider: (services) => new MesoScopeProvider(services),
        Linker: (services) => new MesoLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new MesoReferenceDescriptionProvider(services),
        TextRefusals: () => new MesoTextRefusals()
    },
    validation: {
        DocumentValidator: (services) => new MesoDocumentValidator(services),
        ValidationRegistry: (services) => new MesoValidationRegistry(services)
    },
    scoping: { Imports: (services) => new MesoImports(services) },
    semantics: {
        Semantics: (services) => new MesoSemantics(services),
        Rules: (services) => new LibraryRules(services.scoping.Imports, services.shared.workspace.LangiumDocuments, services.shared)
    }
};

export const MesoSharedModule: Module<LangiumSharedServices, object> = {
    workspace: {
        WorkspaceManager: (shared: LangiumSharedServices) => new MesoWorkspaceManager(shared),
        IndexManager: (shared: LangiumSharedServices) => new MesoIndexManager(shared),
        LangiumDocuments: (shared: LangiumSharedServices) => new MesoLangiumDocuments(shared),
        LangiumDocumentFactory: (shared: LangiumSharedServices) => new MesoDocumentFactory(shared)
    },
    // std documents are served to the editor as read-only text (LSP workspace/textDocumentContent).
    lsp: { TextDocumentContentProvider: (shared: LangiumSharedServices) => new DefaultTextDocumentContentProvider(shared, STD_SCHEME) }
};

/**
 * Creates the Meso services. Used by the language server (with a connection), and by the
 * CLI and tests (without one: they add the std documents with `addStdDocuments`).
 */
export function createMesoServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Meso: MesoServices } {
    const shared = inject(createDefaultSharedModule(context), MesoGeneratedSharedModule, MesoSharedModule);
    const Meso = inject(createDefaultModule({ shared }), MesoGeneratedModule, MesoModule, MesoLspModule);
    shared.ServiceRegistry.register(Meso);
    registerValidationChecks(Meso);
    return { shared, Meso };
}
