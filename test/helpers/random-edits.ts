// Seeded random edits of a document, as an editor sends them (incremental didChange ranges),
// with the text they produce kept alongside so the test knows the server's final text.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Random } from '../../scripts/lib/random.mjs';

export { createRandom, type Random } from '../../scripts/lib/random.mjs';

/** The LSP position of a UTF-16 offset in a text whose only line break is `\n`. */
export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export interface Change {
    kind: EditKind;
    range: Range;
    text: string;
}

export type EditKind = 'insert' | 'delete' | 'delete-line' | 'duplicate-line' | 'garbage' | 'brace' | 'paste-line' | 'break' | 'restore';

// Identifier and number characters, units and the language's punctuation: edits that keep the
// parser inside the grammar most of the time, so linking, semantics and validation run too.
const TYPED = 'abcdefghijklmnopqrstuvwxyz_0123456789   .:mLgkGID"';
// Anything: braces, quotes, comment starts, non-ASCII, astral (surrogate pair) and control characters.
const GARBAGE = [...'{}[]()"\'/*\\#@$%^&|;,<>=+-~`\t\n ', 'é', 'µ', '≤', '中', '😀', '\u0000', '\u200b', '\ufeff', '1e308', '-0', 'mg/kg'];

/**
 * The next random change of `text` (never out of range: the model must stay the server's text).
 * `original` is the text the file started with, for pasting its lines back and restoring it.
 */
export function randomChange(random: Random, text: string, original: string): Change {
    const kind = random.weighted<EditKind>([
        ['insert', 24], ['delete', 20], ['delete-line', 8], ['duplicate-line', 5], ['garbage', 10],
        ['brace', 8], ['paste-line', 12], ['break', 2], ['restore', 3]
    ]);
    const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    // Never split a surrogate pair: a lone surrogate would not survive the trip to disk (UTF-8)
    // that the final comparison with the CLI makes.
    const snap = (o: number) => (o > 0 && o < text.length && /[\udc00-\udfff]/.test(text[o]) && /[\ud800-\udbff]/.test(text[o - 1]) ? o - 1 : o);
    const at = snap(random.int(0, text.length));
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index + 1)];
    const lineIndex = random.int(0, lineStarts.length - 1);
    const lineStart = lineStarts[lineIndex];
    const lineEnd = lineIndex + 1 < lineStarts.length ? lineStarts[lineIndex + 1] : text.length;
    const between = (from: number, to: number, newText: string): Change =>
        ({ kind, range: { start: positionAt(text, from), end: positionAt(text, to) }, text: newText });
    switch (kind) {
        case 'insert':
            return between(at, at, Array.from({ length: random.int(1, 6) }, () => random.pick([...TYPED])).join(''));
        case 'delete':
            return between(at, snap(Math.min(text.length, at + random.int(1, 12))), '');
        case 'delete-line':
            return between(lineStart, lineEnd, '');
        case 'duplicate-line':
            return between(lineStart, lineStart, text.slice(lineStart, lineEnd) + (lineEnd === text.length ? '\n' : ''));
        case 'garbage':
            return between(at, at, Array.from({ length: random.int(1, 30) }, () => random.pick(GARBAGE)).join(''));
        case 'brace':
            return between(at, at, random.pick(['{', '}', '}', '{\n', '\n}\n']));
        case 'paste-line': {
            const lines = original.split('\n');
            return between(lineStart, lineStart, random.pick(lines) + '\n');
        }
        case 'break':
            // Break the file completely: empty it, keep a truncated head, or replace it with garbage.
            return { kind, range: whole, text: random.pick(['', text.slice(0, snap(random.int(0, text.length))), '}}}} protocol {{{ "unterminated']) };
        case 'restore':
            return { kind, range: whole, text: original };
    }
}

/** Applies a change made by `randomChange` to the text it was made for. */
export function applyChange(text: string, change: Change): string {
    const offsetOf = (p: Position) => {
        const starts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index + 1)];
        return starts[p.line] + p.character;
    };
    return text.slice(0, offsetOf(change.range.start)) + change.text + text.slice(offsetOf(change.range.end));
}
