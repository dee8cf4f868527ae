import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams, FileSystemWatcher, TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import { isStdUri } from '../std/std-library.js';

/**
 * Langium's update handler, with:
 * - a file watcher for `.meso` files only (Langium watched every file of the workspace);
 * - `didClose` handled: the document goes back to its text on disk, or, when it has none (an
 *   unsaved or untitled buffer, a file deleted meanwhile), leaves the server, so that no
 *   diagnostics of text that no longer exists stay in the editor and an unsaved buffer no
 *   longer resolves imports once closed (Langium kept the edited text and its diagnostics).
 */
export class MesoDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly shared: LangiumSharedServices;
    /** Told of changes to meso.config.json files (the server reads them: src/server/project-config-watch.ts). */
    onConfigChange?: (uris: string[]) => void;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return [{ globPattern: '**/*.meso' }, { globPattern: '**/meso.config.json' }];
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (isStdUri(uri)) return;
        void this.onDisk(uri).then(exists => exists ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri]));
    }

    /** Changes of `.meso` files, and deletions (a deleted folder is one event for the folder). */
    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const configs = (Array.isArray(params?.changes) ? params.changes : [])
            .filter(c => typeof c?.uri === 'string' && c.uri.endsWith('/meso.config.json')).map(c => c.uri);
        if (configs.length > 0) this.onConfigChange?.(configs);
        const changes = (Array.isArray(params?.changes) ? params.changes : [])
            .filter(c => typeof c?.uri === 'string' && (c.uri.endsWith('.meso') || c.type === 3))
            // An open document's text is the editor's, whatever happens on disk.
            .filter(c => !this.shared.workspace.TextDocuments.get(c.uri));
        if (changes.length > 0) super.didChangeWatchedFiles({ changes });
    }

    private async onDisk(uri: URI): Promise<boolean> {
        if (uri.scheme !== 'file') return false;
        try {
            return (await this.shared.workspace.FileSystemProvider.stat(uri)).isFile;
        } catch {
            return false;
        }
    }
}
