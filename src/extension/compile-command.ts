import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { MesoServerCommands, type CompileCommandOptions, type CompileCommandResult } from '../language/lsp/meso-protocol.js';

/**
 * `Meso: Compile to JSON`: the server compiles the document and writes each JSON with the CLI's
 * atomic writer, beside the file or in `meso.compile.outputFolder` (absolute, or relative to the
 * workspace folder), or, when the file has errors, writes nothing and removes its previous
 * outputs, as `meso compile` does. This shows what it did.
 */
export async function compileToJson(client: LanguageClient, uri: vscode.Uri | undefined): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
        void vscode.window.showWarningMessage('Meso: open a .meso file to compile it.');
        return;
    }
    const options: CompileCommandOptions = { outputFolder: vscode.workspace.getConfiguration('meso', target).get<string>('compile.outputFolder', '').trim(), quiet: true };
    const result = await client.sendRequest(ExecuteCommandRequest.type, { command: MesoServerCommands.Compile, arguments: [target.toString(), options] }) as CompileCommandResult;
    const shown = (path: string) => vscode.workspace.asRelativePath(vscode.Uri.file(path));
    if (result.errors.length > 0) {
        const removed = result.removed.length > 0 ? ` Removed out-of-date ${result.removed.map(shown).join(', ')}.` : '';
        void vscode.window.showErrorMessage(`Meso: not compiled, ${result.errors.length} error(s): ${result.errors.slice(0, 3).join('; ')}${result.errors.length > 3 ? '; …' : ''}${removed}`);
        return;
    }
    if (result.written.length === 0) {
        void vscode.window.showInformationMessage('Meso: no protocol or patient plan in this file.');
        return;
    }
    void vscode.window.showInformationMessage(`Meso: wrote ${result.written.map(shown).join(', ')}`);
}
