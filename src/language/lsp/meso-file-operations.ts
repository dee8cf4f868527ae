import { URI, UriUtils, type LangiumDocuments } from 'langium';
import type { FileOperationHandler, LangiumSharedServices } from 'langium/lsp';
import type { DeleteFilesParams, FileOperationOptions, RenameFilesParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isStdUri } from '../std/std-library.js';
import { importsOf, relativeImportPath } from './import-paths.js';

const FILTERS = { filters: [{ pattern: { glob: '**/*.meso', matches: 'file' as const } }, { pattern: { glob: '**', matches: 'folder' as const } }] };

/**
 * `workspace/willRenameFiles`: when `.meso` files or folders are renamed or moved in the editor,
 * the edits that keep every import right, both the imports of the moved files (their relative
 * paths change) and the imports naming them. `didRenameFiles` and `didDeleteFiles` then update
 * the server's documents (a client's file watcher reports a moved folder as one deletion).
 */
export class MesoFileOperationHandler implements FileOperationHandler {
    readonly fileOperationOptions: FileOperationOptions = { willRename: FILTERS, didRename: FILTERS, didDelete: FILTERS };
    private readonly documents: LangiumDocuments;

    constructor(private readonly shared: LangiumSharedServices) {
        this.documents = shared.workspace.LangiumDocuments;
    }

    willRenameFiles(params: RenameFilesParams): WorkspaceEdit | null {
        const moves = params.files.map(f => ({ from: URI.parse(f.oldUri), to: URI.parse(f.newUri) }));
        const moved = (uri: URI): URI => {
            for (const { from, to } of moves) {
                if (uri.toString() === from.toString()) return to;
                if (UriUtils.contains(from, uri) && uri.scheme === from.scheme) {
                    const rest = uri.path.slice(from.path.replace(/\/$/, '').length);
                    return to.with({ path: to.path.replace(/\/$/, '') + rest });
                }
            }
            return uri;
        };
        const changes: Record<string, TextEdit[]> = {};
        for (const document of this.documents.all) {
            if (isStdUri(document.uri)) continue;
            const newSelf = moved(document.uri);
            const edits: TextEdit[] = [];
            for (const { imp, target, range } of importsOf(document)) {
                const newTarget = moved(target);
                if (newSelf.toString() === document.uri.toString() && newTarget.toString() === target.toString()) continue;
                const path = relativeImportPath(newSelf, newTarget);
                if (path && path !== imp.path) edits.push({ range, newText: path });
            }
            if (edits.length > 0) changes[document.uri.toString()] = edits;
        }
        return Object.keys(changes).length > 0 ? { changes } : null;
    }

    didRenameFiles(params: RenameFilesParams): void {
        const files = Array.isArray(params?.files) ? params.files : [];
        this.update(files.map(f => URI.parse(f.newUri)), files.map(f => URI.parse(f.oldUri)));
    }

    didDeleteFiles(params: DeleteFilesParams): void {
        this.update([], (Array.isArray(params?.files) ? params.files : []).map(f => URI.parse(f.uri)));
    }

    private update(changed: URI[], deleted: URI[]): void {
        const open = this.shared.workspace.TextDocuments;
        const workspace = this.shared.workspace;
        void workspace.WorkspaceManager.ready.then(() => workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.update(
            changed.filter(u => !open.get(u.toString())), deleted.filter(u => !open.get(u.toString())), token)));
    }
}
