import { DefaultWorkspaceManager, type LangiumDocument, type LangiumSharedCoreServices, type Stream, type URI, type WorkspaceFolder } from 'langium';
import { MesoLangiumDocuments } from './meso-documents.js';
import { addStdDocuments } from '../std/std-library.js';

/** Loads the built-in std documents with the workspace, before the user's files. */
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

    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const doc of addStdDocuments(this.shared)) collector(doc);
    }
}
