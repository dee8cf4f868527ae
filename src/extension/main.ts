import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { MesoCommands, MesoServerCommands } from '../language/lsp/meso-protocol.js';
import { compileToJson } from './compile-command.js';
import { languageStatus } from './language-status.js';
import { PreviewPanels } from './preview-panel.js';
import { PROTOCOL_TEMPLATE } from './protocol-template.js';
import { serveSchema } from './schema-provider.js';

let client: LanguageClient | undefined;

/** Starts the Meso language server (a separate process) and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    // Created once the client runs; the middleware below may only be called after that.
    const ui: { previews?: PreviewPanels } = {};
    const toUri = (arg: unknown) => typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : undefined;
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'meso' }, { scheme: 'meso-std' }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.meso,meso.config.json}') },
        middleware: {
            // The Preview lens names the server's command (so that it works in every editor); in
            // VS Code the preview is a panel that follows the document.
            executeCommand: async (command, args, next) => {
                const target = toUri(args[0]);
                if (command === MesoServerCommands.Preview && target && ui.previews) return ui.previews.show(target, typeof args[1] === 'string' ? args[1] : undefined);
                return next(command, args);
            }
        }
    };
    client = new LanguageClient('meso', 'Meso', serverOptions, clientOptions);
    // std documents (meso-std:) are served by the server through workspace/textDocumentContent.
    client.registerProposedFeatures();
    await client.start();

    const previews = new PreviewPanels(client);
    ui.previews = previews;
    context.subscriptions.push(
        vscode.commands.registerCommand(MesoCommands.Compile, (uri?: unknown) => compileToJson(client!, toUri(uri))),
        vscode.commands.registerCommand(MesoCommands.Preview, (uri?: unknown, protocol?: string) => {
            const target = toUri(uri) ?? vscode.window.activeTextEditor?.document.uri;
            return target ? previews.show(target, protocol) : undefined;
        }),
        vscode.commands.registerCommand(MesoCommands.Restart, () => client!.restart()),
        vscode.commands.registerCommand(MesoCommands.NewProtocol, async () => {
            const document = await vscode.workspace.openTextDocument({ language: 'meso', content: PROTOCOL_TEMPLATE });
            await vscode.window.showTextDocument(document);
        }),
        languageStatus(client),
        serveSchema(),
        vscode.workspace.onDidChangeTextDocument(e => {
            const key = e.document.uri.toString();
            if (previews.has(key)) setTimeout(() => void previews.refresh(key), 300);
        })
    );
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
