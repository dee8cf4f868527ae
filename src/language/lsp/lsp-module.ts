import { inject, type DeepPartial, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, DefaultTextDocumentContentProvider, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { MesoGeneratedModule, MesoGeneratedSharedModule } from '../generated/module.js';
import { MesoModule, MesoSharedModule, type MesoAddedServices } from '../meso-module.js';
import { STD_SCHEME } from '../std/std-library.js';
import { registerValidationChecks } from '../validation/register.js';
import { MesoCodeActionProvider } from './meso-code-actions.js';
import { MesoCodeLensProvider } from './meso-code-lens.js';
import { MesoCompletionProvider } from './meso-completion-provider.js';
import { MesoFormatter } from './meso-formatter.js';
import { MesoHoverProvider } from './meso-hover-provider.js';
import { MesoInlayHintProvider } from './meso-inlay-hints.js';
import { MesoRenameProvider } from './meso-rename-provider.js';
import { MesoSemanticTokenProvider } from './meso-semantic-tokens.js';
import { MesoConfigurationProvider } from './meso-configuration.js';
import { MesoDocumentBuilder } from './meso-document-builder.js';
import { MesoDocumentUpdateHandler } from './meso-document-update-handler.js';
import { MesoFileOperationHandler } from './meso-file-operations.js';
import { MesoDefinitionProvider, MesoDocumentLinkProvider } from './meso-import-navigation.js';
import { MesoLanguageServer } from './meso-language-server.js';
import { MesoServiceRegistry } from './meso-service-registry.js';
import { MesoDocumentSymbolProvider, MesoNodeKindProvider } from './meso-symbols.js';
import { MesoServedDocuments } from './served-documents.js';

/** The core services with Langium's LSP services and Meso's editor features. */
export type MesoLspServices = LangiumServices & MesoAddedServices;

/** The editor features of Meso on top of Langium's defaults. */
export const MesoLspModule: Module<MesoLspServices, PartialLangiumServices> = {
    lsp: {
        Formatter: () => new MesoFormatter(),
        HoverProvider: (services) => new MesoHoverProvider(services),
        CompletionProvider: (services) => new MesoCompletionProvider(services),
        InlayHintProvider: (services) => new MesoInlayHintProvider(services),
        CodeLensProvider: (services) => new MesoCodeLensProvider(services),
        CodeActionProvider: (services) => new MesoCodeActionProvider(services),
        RenameProvider: (services) => new MesoRenameProvider(services),
        SemanticTokenProvider: (services) => new MesoSemanticTokenProvider(services),
        DocumentSymbolProvider: (services) => new MesoDocumentSymbolProvider(services),
        DocumentLinkProvider: (services) => new MesoDocumentLinkProvider(services),
        DefinitionProvider: (services) => new MesoDefinitionProvider(services)
    }
};

export const MesoLspSharedModule: Module<LangiumSharedServices, object> = {
    // Documents of any URI scheme an editor sends are Meso's.
    ServiceRegistry: (shared: LangiumSharedServices) => new MesoServiceRegistry(shared),
    workspace: {
        // Unknown documents refused with InvalidParams.
        LangiumDocuments: (shared: LangiumSharedServices) => new MesoServedDocuments(shared),
        DocumentBuilder: (shared: LangiumSharedServices) => new MesoDocumentBuilder(shared),
        ConfigurationProvider: (shared: LangiumSharedServices) => new MesoConfigurationProvider(shared)
    },
    lsp: {
        // std documents are served to the editor as read-only text (LSP workspace/textDocumentContent).
        TextDocumentContentProvider: (shared: LangiumSharedServices) => new DefaultTextDocumentContentProvider(shared, STD_SCHEME),
        NodeKindProvider: () => new MesoNodeKindProvider(),
        LanguageServer: (shared: LangiumSharedServices) => new MesoLanguageServer(shared),
        DocumentUpdateHandler: (shared: LangiumSharedServices) => new MesoDocumentUpdateHandler(shared),
        FileOperationHandler: (shared: LangiumSharedServices) => new MesoFileOperationHandler(shared)
    }
};

/**
 * Creates the Meso services with the editor features: the language server (with a
 * connection) and the editor tests (without one; they add the std documents with
 * `addStdDocuments`). The CLI uses the core alone (`createMesoCoreServices`). The host (the
 * server) may add shared services of its own with `hostModule` (its command handler).
 */
export function createMesoServices(context: DefaultSharedModuleContext, hostModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {}): { shared: LangiumSharedServices; Meso: MesoLspServices } {
    const shared = inject(createDefaultSharedModule(context), MesoGeneratedSharedModule, MesoSharedModule, MesoLspSharedModule, hostModule);
    const Meso = inject(createDefaultModule({ shared }), MesoGeneratedModule, MesoModule, MesoLspModule);
    shared.ServiceRegistry.register(Meso);
    registerValidationChecks(Meso);
    return { shared, Meso };
}
