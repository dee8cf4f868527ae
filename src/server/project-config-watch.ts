import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, formularyProblem, parseProjectConfig, toSettings, unknownProfileProblem, type ConfigProblem } from '../config/project-config.js';
import { findProjectConfig } from '../config/find-project-config.js';
import { readRegularFile, realProjectRoots } from '../files/read-file.js';
import type { MesoNodeFileSystemProvider } from './text-file-system.js';
import type { MesoLspServices } from '../language/lsp/lsp-module.js';
import type { MesoDocumentUpdateHandler } from '../language/lsp/meso-document-update-handler.js';
import { declaredProfiles } from '../language/semantics/profiles.js';
import { IssueCodes } from '../language/validation/issue-codes.js';

/**
 * The language server's side of meso.config.json: found for each workspace folder as `meso check`
 * finds it from its project folder (there, else up to the repository's root) when the client
 * initializes (before the first build), and again whenever one changes, is created or deleted
 * (the file watcher sees those in the workspace only); its problems are published on the file
 * itself. A configuration with problems keeps the last good settings (none at first).
 */
export function watchProjectConfigs(connection: Connection, shared: LangiumSharedServices, meso: MesoLspServices): void {
    const settings = meso.workspace.ProjectSettings;
    const provider = shared.workspace.FileSystemProvider as MesoNodeFileSystemProvider;
    const folders = new Set<string>();
    /** The folder of the configuration applied to each workspace folder. */
    const applied = new Map<string, string>();
    const load = (workspaceFolder: string): void => {
        // Found as the CLI finds it: in the folder, else in the nearest folder above it up to the repository's root.
        const file = findProjectConfig(workspaceFolder) ?? path.join(workspaceFolder, CONFIG_FILE_NAME);
        const folder = path.dirname(file);
        const before = applied.get(workspaceFolder);
        if (before !== undefined && before !== folder) {
            settings.set(URI.file(before), undefined);
            void connection.sendDiagnostics({ uri: URI.file(path.join(before, CONFIG_FILE_NAME)).toString(), diagnostics: [] });
        }
        applied.set(workspaceFolder, folder);
        const uri = URI.file(file).toString();
        if (!existsSync(file)) {
            settings.set(URI.file(folder), undefined);
            void connection.sendDiagnostics({ uri, diagnostics: [] });
            return;
        }
        let text = '';
        try { text = readFileSync(file, 'utf8'); } catch { /* unreadable: treated as empty, which is a problem */ }
        const parsed = parseProjectConfig(text);
        const declared = declaredProfiles(shared.workspace.LangiumDocuments.all.toArray());
        // Before the first build only std may be missing: the profile is checked once profiles are known.
        const unknown = declared.includes('label') ? unknownProfileProblem(parsed, declared) : undefined;
        // Each formulary read as `meso check` reads it: inside the project folders, a regular file, within the size limit.
        const unread = new Set<string>();
        // The workspace folders (the server's project folders), as the client gave them at initialize.
        const roots = folders.size > 0 ? [...folders] : undefined;
        const formularyProblems = parsed.formularies.flatMap((written, i) => {
            const read = readRegularFile(path.resolve(folder, written), { roots: roots ? realProjectRoots(roots) : undefined, maxBytes: provider.maxBytes });
            if (read.ok) return [];
            unread.add(written);
            return [formularyProblem(parsed.formulariesAt[i], written, read.reason)];
        });
        const problems: ConfigProblem[] = [...parsed.problems, ...(unknown ? [unknown] : []), ...formularyProblems];
        void connection.sendDiagnostics({
            uri, diagnostics: problems.map(p => ({
                range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } },
                severity: DiagnosticSeverity.Error, source: 'meso', code: IssueCodes.ConfigInvalid, message: p.message
            }))
        });
        const readable = { ...parsed, formularies: parsed.formularies.filter(f => !unread.has(f)) };
        if (parsed.problems.length === 0) settings.set(URI.file(folder), toSettings(readable, rel => URI.file(path.resolve(folder, rel)).toString(), unknown ? declared : undefined));
    };
    shared.lsp.LanguageServer.onInitialize(params => {
        for (const f of params.workspaceFolders ?? []) folders.add(URI.parse(f.uri).fsPath);
        if (folders.size === 0 && params.rootUri) folders.add(URI.parse(params.rootUri).fsPath);
        folders.forEach(load);
    });
    (shared.lsp.DocumentUpdateHandler as MesoDocumentUpdateHandler).onConfigChange = () => {
        // A configuration created, changed or deleted may change which one applies: each folder looks again.
        folders.forEach(load);
        // Every document is judged again under the new profile and severities.
        const documents = shared.workspace.LangiumDocuments;
        const all = documents.all.map(d => d.uri).filter(u => u.scheme !== 'meso-std').toArray();
        // A formulary the search of the folders did not load (node_modules, a dot folder) is loaded now.
        const added = settings.allFormularies().map(f => URI.parse(f)).filter(u => !documents.hasDocument(u));
        void shared.workspace.DocumentBuilder.update([...all, ...added], []);
    };
}
