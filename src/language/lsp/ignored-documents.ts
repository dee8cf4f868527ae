import { DocumentState } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import { isStdUri } from '../std/std-library.js';
import type { MesoLspServices } from './lsp-module.js';

/**
 * The documents the project configuration's `ignore` patterns leave out, as `meso check` does:
 * such a file is still loaded (a file that is not ignored may import it, and then `meso check`
 * checks and reports it too), but it gets no diagnostics unless it is open in the editor or a
 * file that is not ignored imports it (directly, through other files, or as a formulary of
 * meso.config.json). Whether it is hidden is decided again after every build, and a file whose
 * state changed (an import of it added or removed, the configuration changed, the file opened
 * or closed) is published again.
 */
export class IgnoredDocuments {
    /** The documents whose diagnostics were last published (not hidden). */
    private readonly shown = new Set<string>();
    private reached: Set<string> | undefined;

    constructor(private readonly shared: LangiumSharedServices) {
        shared.workspace.DocumentBuilder.onUpdate(() => { this.reached = undefined; });
    }

    private get meso(): MesoLspServices | undefined {
        return this.shared.ServiceRegistry.all[0] as MesoLspServices | undefined;
    }

    /** Whether the document at `uri` (a string) gets no diagnostics. */
    isHidden(uri: string): boolean {
        const settings = this.meso?.workspace.ProjectSettings;
        if (!settings?.hasIgnorePatterns() || isStdUri(uri) || !settings.ignores(uri)) return false;
        if (this.shared.workspace.TextDocuments.get(uri)) return false;
        return !this.reachedSet().has(uri);
    }

    /** The ignored documents that a document not ignored imports (transitively, formularies included). */
    private reachedSet(): Set<string> {
        if (this.reached) return this.reached;
        const meso = this.meso!;
        const settings = meso.workspace.ProjectSettings;
        const graph = meso.scoping.ImportGraph;
        const reached = new Set<string>();
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            const uri = document.uri.toString();
            if (isStdUri(uri) || settings.ignores(uri)) continue;
            for (const imported of graph.importedWith(uri, 'ignored-by-config', u => settings.ignores(u))) reached.add(imported);
        }
        this.reached = reached;
        return reached;
    }

    /**
     * What to publish for `uri` instead of `diagnostics`: none when it is hidden (undefined when
     * nothing needs sending: it was never shown), else `diagnostics`.
     */
    filter<T>(uri: string, diagnostics: T[]): T[] | undefined {
        if (!this.isHidden(uri)) {
            this.shown.add(uri);
            return diagnostics;
        }
        const wasShown = this.shown.delete(uri);
        return wasShown ? [] : undefined;
    }

    /**
     * After each build, `publish` is called for each ignored document whose state changed
     * without its being validated again (a file importing it changed, it was closed).
     */
    afterBuilds(publish: (uri: string, diagnostics: Diagnostic[]) => void): void {
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            const settings = this.meso?.workspace.ProjectSettings;
            if (!settings?.hasIgnorePatterns() && this.shown.size === 0) return;
            for (const document of this.shared.workspace.LangiumDocuments.all) {
                const uri = document.uri.toString();
                if (!document.diagnostics || !settings?.ignores(uri)) continue;
                if (this.isHidden(uri) === this.shown.has(uri)) publish(uri, document.diagnostics);
            }
        });
    }
}
