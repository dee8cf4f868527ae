import { NodeFileSystemProvider } from 'langium/node';
import type { LangiumSharedServices } from 'langium/lsp';
import type { URI } from 'langium';
import type { MesoLspServices } from '../language/lsp/lsp-module.js';
import { decodeMesoText } from '../language/workspace/decode-text.js';
import type { MesoTextRefusals } from '../language/workspace/text-refusals.js';
import { DEFAULT_MAX_FILE_BYTES, readRegularFile, realProjectRoots, type ReadOptions } from '../files/read-file.js';

/**
 * Reads workspace files as `meso check` does, through the same reader (`readRegularFile`):
 * regular files only (a FIFO, a device or a socket is never opened for reading, so no hang and
 * no endless read), within the size limit, and inside the workspace folders once symbolic
 * links are followed. A byte order mark is dropped (it would shift every column of line 1 in
 * a file that is not open). A file that is not UTF-8 text, or that the reader refuses, reads
 * as empty with its refusal recorded, so that validation reports it as one `not-text` error
 * saying why (an open file's text comes from the editor instead).
 */
export class MesoNodeFileSystemProvider extends NodeFileSystemProvider {
    /** Where refusals are recorded; set by `recordRefusalsIn` once the language services exist. */
    refusals?: MesoTextRefusals;
    /** The project folders (file paths) reads must stay in; undefined: not confined. */
    projectFolders?: () => readonly string[] | undefined;
    /** The size limit of one file in bytes (default `DEFAULT_MAX_FILE_BYTES`). */
    maxBytes?: number;

    override async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    override readFileSync(uri: URI): string {
        const folders = this.projectFolders?.();
        const options: ReadOptions = { maxBytes: this.maxBytes, roots: folders ? realProjectRoots(folders) : undefined };
        const read = readRegularFile(uri.fsPath, options);
        if (!read.ok) {
            // Not there at all: as Langium's provider, an error (the document is not loaded).
            if (read.code === 'ENOENT') throw Object.assign(new Error(`${uri.fsPath}: ${read.reason}`), { code: read.code });
            this.refusals?.record(uri, { ok: false, message: `This file was not read: ${read.reason}.`, line: 0, character: 0 });
            return '';
        }
        const decoded = decodeMesoText(read.bytes);
        this.refusals?.record(uri, decoded);
        return decoded.ok ? decoded.text : '';
    }
}

/** The server's file system: Langium's Node one, reading as above. */
export const MesoNodeFileSystem = { fileSystemProvider: () => new MesoNodeFileSystemProvider() };

/**
 * Connects the file system created with `MesoNodeFileSystem` to the services: refusals are
 * recorded where validation finds them, and reads stay in the project folders imports stay in.
 */
export function recordRefusalsIn(shared: LangiumSharedServices, Meso: MesoLspServices): void {
    const provider = shared.workspace.FileSystemProvider as MesoNodeFileSystemProvider;
    provider.refusals = Meso.workspace.TextRefusals;
    // An editor's buffer over the limit of one file is not parsed either (see MesoTextRefusals).
    Meso.workspace.TextRefusals.maxTextLength = provider.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    provider.projectFolders = () => Meso.scoping.Imports.projectRoots()?.filter(u => u.scheme === 'file').map(u => u.fsPath);
}
