import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { MesoCommands } from '../language/lsp/meso-protocol.js';
import { t } from '../language/i18n/translate.js';
import { extensionLocale } from './extension-locale.js';

/**
 * The Meso item of the language status bar (shown with a .meso file): `checking…` from an edit
 * until the server publishes the file's diagnostics, then the errors and warnings of the open
 * .meso files; `server stopped` (with Restart) when the server is not running.
 */
export function languageStatus(client: LanguageClient): vscode.Disposable {
    const item = vscode.languages.createLanguageStatusItem('meso.status', { language: 'meso' });
    item.name = 'Meso';
    const pending = new Set<string>();
    const isMeso = (uri: vscode.Uri) => uri.path.endsWith('.meso') || vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString() && d.languageId === 'meso');
    const update = () => {
        const locale = extensionLocale();
        if (client.state !== State.Running) {
            item.text = t(locale, client.state === State.Starting ? 'status.starting' : 'status.stopped');
            item.severity = client.state === State.Starting ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Error;
            item.busy = client.state === State.Starting;
            item.command = { title: t(locale, 'status.restart'), command: MesoCommands.Restart };
            return;
        }
        const counts = vscode.languages.getDiagnostics().filter(([uri]) => isMeso(uri)).flatMap(([, ds]) => ds)
            .reduce((c, d) => ({ errors: c.errors + (d.severity === vscode.DiagnosticSeverity.Error ? 1 : 0), warnings: c.warnings + (d.severity === vscode.DiagnosticSeverity.Warning ? 1 : 0) }), { errors: 0, warnings: 0 });
        item.busy = pending.size > 0;
        item.text = pending.size > 0 ? t(locale, 'status.checking')
            : counts.errors + counts.warnings === 0 ? t(locale, 'status.clean') : t(locale, 'status.problems', counts);
        item.severity = counts.errors > 0 ? vscode.LanguageStatusSeverity.Error : counts.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        item.command = counts.errors + counts.warnings > 0 ? { title: t(locale, 'status.showProblems'), command: 'workbench.actions.view.problems' } : { title: t(locale, 'status.restart'), command: MesoCommands.Restart };
    };
    const subscriptions = [
        item,
        client.onDidChangeState(update),
        vscode.workspace.onDidChangeTextDocument(e => {
            if (e.document.languageId === 'meso' && e.contentChanges.length > 0) { pending.add(e.document.uri.toString()); update(); }
        }),
        vscode.languages.onDidChangeDiagnostics(e => {
            for (const uri of e.uris) pending.delete(uri.toString());
            update();
        })
    ];
    update();
    return vscode.Disposable.from(...subscriptions);
}
