import { NodeFileSystemProvider } from 'langium/node';
import type { URI } from 'langium';
import { decodeMesoText } from '../language/workspace/decode-text.js';

/**
 * Reads workspace files as `meso check` does: a byte order mark is dropped (it would shift
 * every column of line 1 in a file that is not open), and a file that is not UTF-8 text
 * reads as empty rather than as hundreds of syntax errors (`meso check` reports it as
 * `not-text`; an open file's text comes from the editor, which decodes it itself).
 */
export class MesoNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        return decodedOrEmpty(await this.readBinary(uri));
    }

    override readFileSync(uri: URI): string {
        return decodedOrEmpty(this.readBinarySync(uri));
    }
}

function decodedOrEmpty(bytes: Uint8Array): string {
    const decoded = decodeMesoText(bytes);
    return decoded.ok ? decoded.text : '';
}

/** The server's file system: Langium's Node one, decoding as above. */
export const MesoNodeFileSystem = { fileSystemProvider: () => new MesoNodeFileSystemProvider() };
