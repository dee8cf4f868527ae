import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MesoRequests, type PreviewModel } from '../language/lsp/meso-protocol.js';
import { previewHtml } from './preview-html.js';

/** One preview panel per document; it refreshes when the document changes. */
export class PreviewPanels {
    private readonly panels = new Map<string, { panel: vscode.WebviewPanel; protocol?: string }>();

    constructor(private readonly client: LanguageClient) {}

    async show(uri: vscode.Uri, protocol?: string): Promise<void> {
        const key = uri.toString();
        let entry = this.panels.get(key);
        if (!entry) {
            const panel = vscode.window.createWebviewPanel('mesoPreview', 'Meso preview', vscode.ViewColumn.Beside,
                { enableScripts: false, localResourceRoots: [] });
            entry = { panel, protocol };
            this.panels.set(key, entry);
            panel.onDidDispose(() => this.panels.delete(key));
        }
        entry.protocol = protocol ?? entry.protocol;
        entry.panel.reveal(vscode.ViewColumn.Beside, true);
        await this.refresh(key);
    }

    /** Called when a document changed: redraw its preview, if any. */
    async refresh(key: string): Promise<void> {
        const entry = this.panels.get(key);
        if (!entry) return;
        const model = await this.client.sendRequest<PreviewModel | null>(MesoRequests.Preview, { uri: key, protocol: entry.protocol });
        if (!model) {
            entry.panel.webview.html = '<!DOCTYPE html><html><body><p>No protocol to preview in this file.</p></body></html>';
            return;
        }
        entry.panel.title = `Preview: ${model.protocol}`;
        entry.panel.webview.html = previewHtml(model, randomBytes(16).toString('base64'), entry.panel.webview.cspSource);
    }

    has(key: string): boolean {
        return this.panels.has(key);
    }
}
