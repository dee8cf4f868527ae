import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { DidChangeConfigurationParams, InitializeParams } from 'vscode-languageserver';
import type { MesoLspServices } from './lsp-module.js';

/**
 * Langium's configuration provider, registering `workspace/didChangeConfiguration` dynamically
 * only with a client that declared it can (`didChangeConfiguration.dynamicRegistration`;
 * Neovim does not), and fetching the settings again when a change notification carries none
 * (VS Code's client sends `settings: null`, leaving Langium's copy stale). The `meso.locale`
 * setting goes to each language's locale service as soon as it is known.
 */
export class MesoConfigurationProvider extends DefaultConfigurationProvider {
    private dynamicRegistration = false;
    private fetch?: ConfigurationInitializedParams['fetchConfiguration'];

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.dynamicRegistration = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    }

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        this.fetch = params.fetchConfiguration;
        return super.initialized({ ...params, register: this.dynamicRegistration ? params.register : undefined });
    }

    protected override updateSectionConfiguration(section: string, configuration: unknown): void {
        super.updateSectionConfiguration(section, configuration);
        const setting = typeof configuration === 'object' && configuration !== null ? (configuration as { locale?: unknown }).locale : undefined;
        for (const language of this.serviceRegistry.all) {
            if (this.toSectionName(language.LanguageMetaData.languageId) === section) (language as MesoLspServices).i18n.Locale.setSetting(setting);
        }
    }

    override updateConfiguration(change: DidChangeConfigurationParams): void {
        if (typeof change?.settings === 'object' && change.settings !== null) return super.updateConfiguration(change);
        if (!this.workspaceConfig || !this.fetch) return;
        const sections = this.serviceRegistry.all.map(lang => ({ section: this.toSectionName(lang.LanguageMetaData.languageId) }));
        void this.fetch(sections).then(values => sections.forEach((s, i) => super.updateConfiguration({ settings: { [s.section]: values[i] } })), () => undefined);
    }
}
