import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { MesoCommands } from '../language/lsp/meso-protocol.js';
import { compileToJson } from './compile-command.js';
import { PreviewPanels } from './preview-panel.js';

let client: LanguageClient | undefined;

/** Starts the Meso language server (a separate process) and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'meso' }, { scheme: 'meso-std' }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.meso') }
    };
    client = new LanguageClient('meso', 'Meso', serverOptions, clientOptions);
    // std documents (meso-std:) are served by the server through workspace/textDocumentContent.
    client.registerProposedFeatures();
    await client.start();

    const previews = new PreviewPanels(client);
    const toUri = (arg: unknown) => typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : undefined;
    context.subscriptions.push(
        vscode.commands.registerCommand(MesoCommands.Compile, (uri?: unknown) => compileToJson(client!, toUri(uri))),
        vscode.commands.registerCommand(MesoCommands.Preview, (uri?: unknown, protocol?: string) => {
            const target = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
            return target ? previews.show(target, protocol) : undefined;
        }),
        vscode.workspace.onDidChangeTextDocument(e => {
            const key = e.document.uri.toString();
            if (previews.has(key)) setTimeout(() => void previews.refresh(key), 300);
        })
    );
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
