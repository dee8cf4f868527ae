import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MesoRequests, type CompileResult } from '../language/lsp/meso-protocol.js';

/**
 * `Meso: Compile to JSON`: asks the server to compile the document; writes each JSON
 * beside the file (or in `meso.compile.outputFolder`), or shows the errors and writes nothing.
 */
export async function compileToJson(client: LanguageClient, uri: vscode.Uri | undefined): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
        void vscode.window.showWarningMessage('Meso: open a .meso file to compile it.');
        return;
    }
    const result = await client.sendRequest<CompileResult>(MesoRequests.Compile, { uri: target.toString() });
    if (result.errors.length > 0) {
        void vscode.window.showErrorMessage(`Meso: not compiled, ${result.errors.length} error(s): ${result.errors.slice(0, 3).join('; ')}${result.errors.length > 3 ? '; …' : ''}`);
        return;
    }
    if (result.documents.length === 0) {
        void vscode.window.showInformationMessage('Meso: no protocol or patient plan in this file.');
        return;
    }
    const configured = vscode.workspace.getConfiguration('meso', target).get<string>('compile.outputFolder', '').trim();
    const folder = configured
        ? (vscode.workspace.getWorkspaceFolder(target) ? vscode.Uri.joinPath(vscode.workspace.getWorkspaceFolder(target)!.uri, configured) : vscode.Uri.file(configured))
        : vscode.Uri.joinPath(target, '..');
    await vscode.workspace.fs.createDirectory(folder);
    const written: string[] = [];
    for (const doc of result.documents) {
        const file = vscode.Uri.joinPath(folder, doc.fileName);
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(doc.text));
        written.push(vscode.workspace.asRelativePath(file));
    }
    void vscode.window.showInformationMessage(`Meso: wrote ${written.join(', ')}`);
}
