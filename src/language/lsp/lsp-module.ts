import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { MesoServices } from '../meso-module.js';
import { MesoCodeActionProvider } from './meso-code-actions.js';
import { MesoCodeLensProvider } from './meso-code-lens.js';
import { MesoCompletionProvider } from './meso-completion-provider.js';
import { MesoFormatter } from './meso-formatter.js';
import { MesoHoverProvider } from './meso-hover-provider.js';
import { MesoInlayHintProvider } from './meso-inlay-hints.js';
import { MesoRenameProvider } from './meso-rename-provider.js';
import { MesoSemanticTokenProvider } from './meso-semantic-tokens.js';

/** The editor features of Meso on top of Langium's defaults. */
export const MesoLspModule: Module<MesoServices, PartialLangiumServices> = {
    lsp: {
        Formatter: () => new MesoFormatter(),
        HoverProvider: (services) => new MesoHoverProvider(services),
        CompletionProvider: (services) => new MesoCompletionProvider(services),
        InlayHintProvider: (services) => new MesoInlayHintProvider(services),
        CodeLensProvider: (services) => new MesoCodeLensProvider(services),
        CodeActionProvider: (services) => new MesoCodeActionProvider(services),
        RenameProvider: (services) => new MesoRenameProvider(services),
        SemanticTokenProvider: (services) => new MesoSemanticTokenProvider(services)
    }
};
