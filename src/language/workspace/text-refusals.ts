import type { URI } from 'langium';
import type { DecodedText } from './decode-text.js';

/** Why a file's bytes were not read as text: the message and the 0-based position of the first bad byte. */
export type TextRefusal = Extract<DecodedText, { ok: false }>;

/**
 * The files whose bytes were refused as text when read from disk (not UTF-8, NUL bytes),
 * recorded by whoever reads them (the CLI, the server's file system) and reported by the
 * document validator as one `not-text` error: the core reads no files itself.
 */
export class MesoTextRefusals {
    private readonly refusals = new Map<string, TextRefusal>();

    /**
     * The longest text an editor's buffer may hold to be checked (the host sets it to the size
     * limit of one file; none by default). Parsing a 50 MB buffer took minutes, and the server
     * answered nothing else meanwhile.
     */
    maxTextLength = Infinity;

    /** The refusal of an editor's text over `maxTextLength`, or undefined. */
    tooLong(text: string): TextRefusal | undefined {
        if (text.length <= this.maxTextLength) return undefined;
        const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
        return { ok: false, message: `This document was not checked: it holds ${mb(text.length)} of text, over the limit of ${mb(this.maxTextLength)} per file.`, line: 0, character: 0 };
    }

    /** Records the outcome of reading `uri`: a refusal, or none when the bytes were text. */
    record(uri: URI, decoded: DecodedText): void {
        if (decoded.ok) this.refusals.delete(uri.toString());
        else this.refusals.set(uri.toString(), decoded);
    }

    get(uri: URI): TextRefusal | undefined {
        return this.refusals.get(uri.toString());
    }
}
