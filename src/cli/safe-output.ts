/**
 * What `meso` prints never carries a raw control character taken from a file name or a
 * message, and no line it prints can be read as a GitHub Actions workflow command: the
 * runner executes a line starting `::` (after spaces) and, in its older syntax, a `##[`
 * anywhere in a line. Only the `github` format prints commands, on purpose, with its data
 * escaped as the runner expects.
 */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
// overrides and isolates (which make a terminal show text in another order than it is).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes every control character as `\n`, `\t`, `\xNN` or `\uNNNN`, so that text stays on its line. */
export function escapeControls(text: string): string {
    return text.replace(UNSAFE, c => NAMED[c] ?? (c.charCodeAt(0) <= 0xff
        ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Escapes control characters as `escapeControls` does, keeping the line breaks (for text made of lines). */
export function escapeControlsInLines(text: string): string {
    return text.split('\n').map(escapeControls).join('\n');
}

/**
 * Makes lines of text output inert for the Actions runner: a line whose first non-blank
 * characters are `::` gets its first colon escaped (`\x3a:`), and every `##[` becomes `#\x23[`.
 * Apply it to whole lines of plain text (the text format, messages on stderr).
 */
export function inertLines(text: string): string {
    return text.split('\n').map(line => line.replace(/^(\s*):(?=:)/, '$1\\x3a').replace(/##\[/g, '#\\x23[')).join('\n');
}

// What JSON.stringify leaves raw although it is a control or reorders text: DEL, C1, separators, bidi.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The same for JSON text (from JSON.stringify, which escapes C0 controls itself): `##[` inside
 * a string becomes `#\u0023[`, and DEL, C1 controls, line separators and bidirectional
 * controls become `\uNNNN` escapes: the same strings once parsed.
 */
export function inertJson(text: string): string {
    return text.replace(/##\[/g, '#\\u0023[').replace(UNSAFE_IN_JSON, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same for XML text: `##[` becomes `#&#35;[` (the same text once parsed). */
export function inertXml(text: string): string {
    return text.replace(/##\[/g, '#&#35;[');
}
