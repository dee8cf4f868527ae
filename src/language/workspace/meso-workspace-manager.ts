import {
    DefaultWorkspaceManager, UriUtils, URI, type FileSystemNode, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type WorkspaceFolder
} from 'langium';
import { MesoLangiumDocuments } from './meso-documents.js';
import { addStdDocuments } from '../std/std-library.js';
import type { MesoServices } from '../meso-module.js';

/**
 * Loads the built-in std documents with the workspace, before the user's files; only `.meso`
 * files are workspace files; folders added or removed at run time load or drop theirs.
 */
export class MesoWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedCoreServices;

    constructor(shared: LangiumSharedCoreServices) {
        super(shared);
        this.shared = shared;
    }

    /** After the workspace's files, requests may no longer load documents (see MesoLangiumDocuments). */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadWorkspaceDocuments(uris, collector);
        if (this.langiumDocuments instanceof MesoLangiumDocuments) this.langiumDocuments.markWorkspaceLoaded();
    }

    /**
     * Std, and the formularies of meso.config.json that the search of the folders does not find
     * (in `node_modules`, a dot folder, `out`), which `meso check` reads all the same; one that
     * cannot be read is reported on meso.config.json (src/server/project-config-watch.ts).
     */
    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const doc of addStdDocuments(this.shared)) collector(doc);
        const settings = (this.serviceRegistry.all[0] as Partial<MesoServices> | undefined)?.workspace?.ProjectSettings;
        for (const formulary of settings?.allFormularies() ?? []) {
            const uri = URI.parse(formulary);
            if (this.langiumDocuments.hasDocument(uri)) continue;
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch {
                // Gone since the configuration was read: reported there when it is read again.
            }
        }
    }

    /** Only `.meso` files (the server answers for documents of any URI the editor opens, but loads no others). */
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (entry.isFile && !entry.uri.path.endsWith('.meso')) return false;
        return super.shouldIncludeEntry(entry);
    }

    /**
     * `workspace/didChangeWorkspaceFolders`: loads the `.meso` files of added folders and drops
     * the documents of removed ones (not those the editor has open, nor those another folder
     * still holds), then rebuilds what that changes (imports that now resolve, or no longer do).
     */
    async changeFolders(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
        await this.ready;
        const gone = new Set(removed.map(f => URI.parse(f.uri).toString()));
        const folders = [...(this.folders ?? []).filter(f => !gone.has(URI.parse(f.uri).toString())), ...added];
        this.folders = folders;
        const kept = folders.map(f => URI.parse(f.uri));
        const open = this.shared.workspace.TextDocuments;
        const removedRoots = removed.map(f => URI.parse(f.uri));
        const deleted = this.langiumDocuments.all
            .filter(d => removedRoots.some(r => UriUtils.contains(r, d.uri)) && !kept.some(k => UriUtils.contains(k, d.uri)) && !open?.get(d.uri.toString()))
            .map(d => d.uri).toArray();
        const found: URI[] = [];
        for (const folder of added) await this.traverseFolder(URI.parse(folder.uri), found);
        const changed = found.filter(uri => !this.langiumDocuments.hasDocument(uri));
        if (changed.length === 0 && deleted.length === 0) return;
        await this.mutex.write(token => this.documentBuilder.update(changed, deleted, token));
    }
}
