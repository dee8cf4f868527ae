/**
 * Turns a file's bytes into the text Meso parses: UTF-8 only, a leading byte order mark
 * dropped (so that it shifts no column), and no NUL byte (the mark of a binary file).
 * Anything else is refused with the position of the first offending byte, rather than
 * decoded into replacement characters that would flood the file with syntax errors.
 */
export type DecodedText =
    | { readonly ok: true; readonly text: string }
    | { readonly ok: false; readonly message: string; readonly line: number; readonly character: number };

const BOM = [0xef, 0xbb, 0xbf];

/** Decodes a `.meso` file's bytes; positions are 0-based, in UTF-16 units as in LSP. */
export function decodeMesoText(bytes: Uint8Array): DecodedText {
    const start = BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
    const body = bytes.subarray(start);
    const bad = firstInvalidUtf8(body);
    const nul = body.indexOf(0);
    if (bad < 0 && nul < 0) return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body) };
    const at = bad < 0 ? nul : nul < 0 ? bad : Math.min(bad, nul);
    // Everything before `at` is valid UTF-8 without NUL, so it decodes exactly.
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, at));
    const byte = `0x${body[at].toString(16).toUpperCase().padStart(2, '0')}`;
    const message = body[at] === 0 ? NUL_MESSAGE : `Not a UTF-8 text file: byte ${byte} here is not valid UTF-8. Save the file as UTF-8.`;
    return { ok: false, message, ...endOf(before) };
}

const NUL_MESSAGE = 'Not a text file: it holds a NUL byte here (binary data?). A .meso file is UTF-8 text.';

/** The 0-based position just after `text`, lines ended as LSP ends them. */
function endOf(text: string): { line: number; character: number } {
    const lines = text.split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/**
 * The refusal of a text that was already decoded (an editor's buffer) but holds a NUL
 * character: the same message and position as `decodeMesoText` gives for the file's bytes,
 * so that the editor and `meso check` agree on a file with binary data pasted in.
 */
export function refuseNul(text: string): Extract<DecodedText, { ok: false }> | undefined {
    const at = text.indexOf('\0');
    return at < 0 ? undefined : { ok: false, message: NUL_MESSAGE, ...endOf(text.slice(0, at)) };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
    let i = 0;
    while (i < b.length) {
        const c = b[i];
        if (c < 0x80) { i++; continue; }
        // Sequence length and the allowed range of its second byte (no overlongs, no surrogates, at most U+10FFFF).
        let n: number, lo = 0x80, hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) n = 2;
        else if (c >= 0xe0 && c <= 0xef) { n = 3; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 4; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
        else return i;
        if (i + n > b.length) return i;
        if (b[i + 1] < lo || b[i + 1] > hi) return i;
        for (let k = 2; k < n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
        i += n;
    }
    return -1;
}
