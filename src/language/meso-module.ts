import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject, type DefaultSharedCoreModuleContext, type LangiumCoreServices,
    type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import { MesoGeneratedModule, MesoGeneratedSharedModule } from './generated/module.js';
import { MesoImports } from './scoping/imports.js';
import { ImportGraph } from './scoping/import-graph.js';
import { MesoLangiumDocuments } from './workspace/meso-documents.js';
import { MesoIndexManager } from './workspace/meso-index-manager.js';
import { MesoLinker } from './scoping/meso-linker.js';
import { MesoReferenceDescriptionProvider } from './workspace/meso-reference-descriptions.js';
import { MesoScopeComputation } from './scoping/meso-scope-computation.js';
import { MesoScopeProvider } from './scoping/meso-scope-provider.js';
import { MesoValueConverter } from './parsing/meso-value-converter.js';
import { createMesoParser } from './parsing/meso-parser.js';
import { MesoLexer } from './parsing/meso-lexer.js';
import { MesoTokenBuilder } from './parsing/meso-token-builder.js';
import { LibraryRules } from './semantics/limits.js';
import { MesoSemantics } from './semantics/meso-semantics.js';
import { MesoWorkspaceManager } from './workspace/meso-workspace-manager.js';
import { MesoDocumentValidator } from './validation/meso-document-validator.js';
import { MesoValidationRegistry } from './validation/meso-validation-registry.js';
import { registerValidationChecks } from './validation/register.js';
import { MesoDocumentFactory } from './workspace/meso-document-factory.js';
import { MesoTextRefusals } from './workspace/text-refusals.js';
import { MesoLocale } from './i18n/meso-locale.js';
import { MesoProjectSettings } from './workspace/project-settings.js';

/** Services added by Meso on top of Langium's. */
export interface MesoAddedServices {
    scoping: { Imports: MesoImports; ImportGraph: ImportGraph };
    semantics: { Semantics: MesoSemantics; Rules: LibraryRules };
    workspace: { TextRefusals: MesoTextRefusals; ProjectSettings: MesoProjectSettings };
    i18n: { Locale: MesoLocale };
}

/**
 * The services of the language core: parsing, scoping, linking, semantics, validation; no
 * editor feature and nothing of the language server (those are `MesoLspServices`, in
 * `lsp/lsp-module.ts`). The CLI runs on these alone.
 */
export type MesoServices = LangiumCoreServices & MesoAddedServices;

export const MesoModule: Module<MesoServices, PartialLangiumCoreServices & MesoAddedServices> = {
    parser: {
        LangiumParser: (services) => createMesoParser(services),
        TokenBuilder: () => new MesoTokenBuilder(),
        Lexer: (services) => new MesoLexer(services),
        ValueConverter: () => new MesoValueConverter()
    },
    references: {
        ScopeComputation: (services) => new MesoScopeComputation(services),
        ScopeProvider: (services) => new MesoScopeProvider(services),
        Linker: (services) => new MesoLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new MesoReferenceDescriptionProvider(services),
        TextRefusals: () => new MesoTextRefusals(),
        ProjectSettings: () => new MesoProjectSettings()
    },
    validation: {
        DocumentValidator: (services) => new MesoDocumentValidator(services),
        ValidationRegistry: (services) => new MesoValidationRegistry(services)
    },
    scoping: { Imports: (services) => new MesoImports(services), ImportGraph: (services) => new ImportGraph(services, services.scoping.Imports) },
    i18n: { Locale: () => new MesoLocale() },
    semantics: {
        Semantics: (services) => new MesoSemantics(services),
        Rules: (services) => new LibraryRules(services.scoping.ImportGraph, services.scoping.Imports, services.shared.workspace.LangiumDocuments, services.shared, services.workspace.ProjectSettings)
    }
};

export const MesoSharedModule: Module<LangiumSharedCoreServices, object> = {
    workspace: {
        WorkspaceManager: (shared: LangiumSharedCoreServices) => new MesoWorkspaceManager(shared),
        IndexManager: (shared: LangiumSharedCoreServices) => new MesoIndexManager(shared),
        LangiumDocuments: (shared: LangiumSharedCoreServices) => new MesoLangiumDocuments(shared),
        LangiumDocumentFactory: (shared: LangiumSharedCoreServices) => new MesoDocumentFactory(shared)
    }
};

/**
 * Creates the core services (Langium's `createDefaultSharedCoreModule` and
 * `createDefaultCoreModule`, no LSP): what `meso check` and `meso compile` use. Add the std
 * documents with `addStdDocuments`. The language server and the editor tests use
 * `createMesoServices` (`lsp/lsp-module.ts`), which adds the editor features on top.
 */
export function createMesoCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Meso: MesoServices } {
    const shared = inject(createDefaultSharedCoreModule(context), MesoGeneratedSharedModule, MesoSharedModule);
    const Meso = inject(createDefaultCoreModule({ shared }), MesoGeneratedModule, MesoModule);
    shared.ServiceRegistry.register(Meso);
    registerValidationChecks(Meso);
    return { shared, Meso };
}
