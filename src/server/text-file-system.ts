import { NodeFileSystemProvider } from 'langium/node';
import type { LangiumSharedServices } from 'langium/lsp';
import type { URI } from 'langium';
import type { MesoServices } from '../language/meso-module.js';
import { decodeMesoText } from '../language/workspace/decode-text.js';
import type { MesoTextRefusals } from '../language/workspace/text-refusals.js';

/**
 * Reads workspace files as `meso check` does: a byte order mark is dropped (it would shift
 * every column of line 1 in a file that is not open), and a file that is not UTF-8 text
 * reads as empty, its refusal recorded so that validation reports it as `not-text`, as
 * `meso check` does (an open file's text comes from the editor instead).
 */
export class MesoNodeFileSystemProvider extends NodeFileSystemProvider {
    /** Where refusals are recorded; set by `recordRefusalsIn` once the language services exist. */
    refusals?: MesoTextRefusals;

    override async readFile(uri: URI): Promise<string> {
        return this.decoded(uri, await this.readBinary(uri));
    }

    override readFileSync(uri: URI): string {
        return this.decoded(uri, this.readBinarySync(uri));
    }

    private decoded(uri: URI, bytes: Uint8Array): string {
        const decoded = decodeMesoText(bytes);
        this.refusals?.record(uri, decoded);
        return decoded.ok ? decoded.text : '';
    }
}

/** The server's file system: Langium's Node one, decoding as above. */
export const MesoNodeFileSystem = { fileSystemProvider: () => new MesoNodeFileSystemProvider() };

/** Connects the file system created with `MesoNodeFileSystem` to the services' refusal record. */
export function recordRefusalsIn(shared: LangiumSharedServices, Meso: MesoServices): void {
    (shared.workspace.FileSystemProvider as MesoNodeFileSystemProvider).refusals = Meso.workspace.TextRefusals;
}
