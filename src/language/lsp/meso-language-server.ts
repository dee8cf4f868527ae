import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import { DidChangeWorkspaceFoldersNotification, type InitializeParams, type InitializeResult, type InitializedParams } from 'vscode-languageserver';
import pkg from '../../../package.json' with { type: 'json' };
import { isStdUri } from '../std/std-library.js';
import { IgnoredDocuments } from './ignored-documents.js';
import { capDiagnostics, MAX_PUBLISHED_DIAGNOSTICS } from './capped-diagnostics.js';
import type { MesoWorkspaceManager } from '../workspace/meso-workspace-manager.js';
import type { MesoLspServices } from './lsp-module.js';

/**
 * Where the documentation of each diagnostic code is: `docs/diagnostics.md` in the repository
 * that package.json's `repository` names (one field to change for a fork), a heading per code.
 */
export function diagnosticDocsUri(code: string): string {
    const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    return `${repository}/blob/main/docs/diagnostics.md#${encodeURIComponent(code)}`;
}

/**
 * Langium's language server, with what LSP 3.17 clients other than VS Code need from it:
 * `serverInfo`, workspace folders that may change at run time, a `codeDescription` link from
 * each diagnostic to its code's documentation, at most `MAX_PUBLISHED_DIAGNOSTICS` per document, none for files meso.config.json
 * ignores (`IgnoredDocuments`), and no empty diagnostics for the std library's
 * documents (13 of them at each start, for files no editor shows).
 */
export class MesoLanguageServer extends DefaultLanguageServer {
    private foldersChange = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        const connection = services.lsp.Connection;
        if (connection) {
            const send = connection.sendDiagnostics.bind(connection);
            const more = (count: number) => (services.ServiceRegistry.all[0] as MesoLspServices | undefined)?.i18n.Locale.t('lsp.moreProblems', { count, max: MAX_PUBLISHED_DIAGNOSTICS })
                ?? `${count} more problems not shown`;
            const ignored = new IgnoredDocuments(services);
            connection.sendDiagnostics = params => {
                const diagnostics = ignored.filter(params.uri, params.diagnostics);
                if (!diagnostics || (isStdUri(params.uri) && diagnostics.length === 0)) return Promise.resolve();
                return send({
                    ...params,
                    diagnostics: capDiagnostics(diagnostics, more)
                        .map(d => typeof d.code === 'string' && !d.codeDescription ? { ...d, codeDescription: { href: diagnosticDocsUri(d.code) } } : d)
                });
            };
            ignored.afterBuilds((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
        }
    }

    override async initialize(params: InitializeParams): Promise<InitializeResult> {
        this.foldersChange = Boolean(params.capabilities.workspace?.workspaceFolders);
        // The client's display language (VS Code sends it); the meso.locale setting may override it.
        for (const language of this.services.ServiceRegistry.all) (language as MesoLspServices).i18n.Locale.setClient(params.locale);
        return super.initialize(params);
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        const workspace = result.capabilities.workspace ?? {};
        return {
            ...result,
            capabilities: { ...result.capabilities, workspace: { ...workspace, workspaceFolders: { supported: true, changeNotifications: true } } },
            serverInfo: { name: 'meso', version: pkg.version }
        };
    }

    override initialized(params: InitializedParams): void {
        // Registered here, after vscode-languageserver's own workspace-folder feature set its
        // handler at `initialize`: its getter would also register the notification dynamically,
        // which a client that did not declare dynamic registration must not get.
        const connection = this.services.lsp.Connection;
        if (connection && this.foldersChange) {
            const manager = this.services.workspace.WorkspaceManager as unknown as MesoWorkspaceManager;
            connection.onNotification(DidChangeWorkspaceFoldersNotification.type, change => void manager.changeFolders(change.event.added, change.event.removed));
        }
        super.initialized(params);
    }
}
