import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, type TextDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingActionOptions, type FormattingContext, type FormattingMove } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { isModel, isNeedleSetting, isUnit, type Model } from '../generated/ast.js';

/**
 * Canonical layout of `.meso` files (the style of `examples/low-back-pain.meso`).
 *
 * - Top-level declarations (and imports) start on their own line at column 0.
 * - Blocks (`substance`, `protocol`, `mixture`, `technique`, `session`, `schedule`,
 *   `patient`): `{` on the declaration line after one space. A block whose `{` and `}` are on
 *   different lines is laid out one member per line, indented 4 spaces (one indent unit) more
 *   than its declaration, with `}` on its own line at the declaration's indentation.
 * - One-line blocks stay on one line (choice documented here): `mixture m { a 1 mL  b 1 mL }`,
 *   one space inside the braces and two spaces between members, the convention of the docs and
 *   fixtures (`technique t { needle 30G 4 mm  depth IDS  0.1 mL per point  10 points }`).
 *   They are not expanded because such lines often carry a trailing `// meso-ignore ...` or
 *   marker comment, and splitting them would move what the comment applies to. Members (and
 *   top-level declarations) that share a line in any other place are separated the same way.
 * - Within a clause, single spaces between tokens (`needle 30G 4 mm`, `0.2 mL per point`,
 *   `concentration 100 mg / 2 mL`, `2 %`), none before `,` `:` `]`, none after `[`, none
 *   around a unit's own slash (`mg/kg`) or a range's dash (`0.1-0.2 mL`, `20-30 points`;
 *   `1 to 3 mm` keeps its spaces) and none before the gauge's `G` (`30G`).
 * - A clause the author split over several lines keeps its line breaks: each continuation line
 *   is indented one unit more than the clause (std's bracketed provenance lines).
 * - Blank lines: runs are collapsed to one; single blank lines are kept (between and inside
 *   declarations). Leading blank lines are removed and the file ends with one newline.
 * - Comments are kept. A trailing comment stays on its line with the spacing before it; a line
 *   that carries a comment (and the line after a comment alone on its line, which a
 *   `// meso-ignore` comment there applies to) is never split or joined with another line.
 *   Comments on their own line are indented like the code that follows them.
 * - Documents with lexer or parser errors are not formatted (no edits).
 */
export class MesoFormatter extends AbstractFormatter {

    /** The line break of the document being formatted (`\r\n` when it has any, else `\n`). */
    protected eol = '\n';

    protected format(node: AstNode): void {
        // Everything is decided from the root: the layout depends on neighbouring tokens
        // (same line or not, comments on the line) rather than on one node at a time.
        if (isModel(node)) {
            this.formatModel(node);
        }
    }

    protected formatModel(model: Model): void {
        const root = model.$cstNode;
        if (!root) return;
        const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).toArray().sort((a, b) => a.offset - b.offset);
        const tokens = leaves.filter(l => !l.hidden);
        if (tokens.length === 0) return;
        const protectedLines = this.protectedLines(leaves);

        // What starts each structural piece, by the offset of its first token: top-level items,
        // the braces of blocks (any node with its own `{ }`) and the members between them.
        const structural = new Map<number, Structural>();
        for (const item of AstUtils.streamContents(model)) {
            const cst = item.$cstNode;
            if (cst) structural.set(cst.offset, { kind: 'item', cst });
        }
        for (const [node, open, close] of this.blocks(tokens)) {
            const multiline = open.range.start.line !== close.range.start.line;
            structural.set(open.offset, { kind: 'open', cst: open });
            structural.set(close.offset, { kind: 'close', cst: close, multiline });
            const members = AstUtils.streamContents(node)
                .filter(member => !!member.$cstNode && member.$cstNode.offset > open.offset && member.$cstNode.end < close.end)
                .toArray();
            members.forEach((member, index) => {
                structural.set(member.$cstNode!.offset, { kind: 'member', cst: member.$cstNode!, multiline, first: index === 0 });
            });
        }

        let previous: LeafCstNode | undefined;
        let commentBetween = false;
        const commentsBefore: LeafCstNode[] = [];
        for (const leaf of leaves) {
            if (leaf.hidden) {
                commentBetween = true;
                commentsBefore.push(leaf);
                continue;
            }
            const piece = structural.get(leaf.offset);
            const action = this.actionBefore(previous, leaf, piece, commentBetween, protectedLines);
            if (action) {
                this.getNodeFormatter(model).cst([piece && piece.kind !== 'open' && piece.kind !== 'close' ? piece.cst : leaf]).prepend(action);
            }
            // Comments on their own lines before this token: inside a block they are indented
            // like its members, inside a clause like its continuation lines; before a
            // declaration or a `{`, like the declaration.
            if (previous && piece?.kind !== 'item' && piece?.kind !== 'open') {
                this.getNodeFormatter(model).cst(commentsBefore).prepend(lineBreak(1));
            }
            commentsBefore.length = 0;
            commentBetween = false;
            previous = leaf;
        }
    }

    /** The formatting before token `b` (the first token of `piece` when it starts one), given the token `a` before it. */
    protected actionBefore(a: LeafCstNode | undefined, b: LeafCstNode, piece: Structural | undefined, commentBetween: boolean, protectedLines: Set<number>): FormattingAction | undefined {
        if (!a) {
            // The first token of the file: no leading blank lines.
            return commentBetween ? lineBreak(0) : Formatting.noSpace();
        }
        const sameLine = a.range.end.line === b.range.start.line;
        // Splitting or joining here would move a comment (or what a `// meso-ignore` applies to).
        const keepLines = commentBetween || protectedLines.has(a.range.end.line) || protectedLines.has(b.range.start.line);
        switch (piece?.kind) {
            case 'item':
                return sameLine && keepLines ? spaces(2, 0) : lineBreak(0);
            case 'member':
                if (!piece.multiline) return spaces(piece.first ? 1 : 2, 1);
                return sameLine && keepLines ? spaces(piece.first ? 1 : 2, 1) : lineBreak(1);
            case 'close':
                if (!piece.multiline) return Formatting.oneSpace();
                return sameLine && keepLines ? Formatting.oneSpace() : lineBreak(0);
            case 'open':
                // `{` joins the declaration's line unless a comment holds it on its own line.
                return !sameLine && keepLines ? lineBreak(0) : Formatting.oneSpace();
        }
        const tight = this.isTight(a, b);
        if (sameLine) {
            return tight ? Formatting.noSpace() : Formatting.oneSpace();
        }
        // A clause split over lines: keep the line break, as a continuation line (tight
        // punctuation at the start of a line is joined to the line before when no comment is involved).
        return tight && !keepLines ? Formatting.noSpace() : lineBreak(1);
    }

    /** True when no space goes between `a` and `b`. */
    protected isTight(a: LeafCstNode, b: LeafCstNode): boolean {
        if (isKeywordLeaf(b, ',') || isKeywordLeaf(b, ':') || isKeywordLeaf(b, ']')) return true;
        if (isKeywordLeaf(a, '[')) return true;
        // The gauge: `30G`.
        if (isKeywordLeaf(b, 'G') && isNeedleSetting(b.astNode)) return true;
        // The dash of a range (`0.1-0.2 mL`, `20-30 points`); `to` keeps its spaces.
        if (isKeywordLeaf(b, '-') || isKeywordLeaf(b, '–') || isKeywordLeaf(a, '-') || isKeywordLeaf(a, '–')) return true;
        // A unit's own slash (`mg/kg`), not the ampoule slash of `100 mg / 2 mL`.
        if (isKeywordLeaf(b, '/') && isUnit(b.astNode)) return true;
        if (isKeywordLeaf(a, '/') && isUnit(a.astNode)) return true;
        return false;
    }

    /**
     * Lines that must not be split or joined: every line a comment is on, and the line after a
     * `//` comment that stands alone on its line (which a `// meso-ignore` there applies to).
     */
    protected protectedLines(leaves: LeafCstNode[]): Set<number> {
        const lines = new Set<number>();
        let lastTokenLine = -1;
        for (const leaf of leaves) {
            if (!leaf.hidden) {
                lastTokenLine = leaf.range.end.line;
                continue;
            }
            const { start, end } = leaf.range;
            for (let line = start.line; line <= end.line; line++) lines.add(line);
            if (leaf.text.startsWith('//') && lastTokenLine !== start.line) lines.add(end.line + 1);
        }
        return lines;
    }

    /** The nodes that have their own `{` and `}` (substance, protocol, mixture...), with their braces. */
    protected blocks(tokens: LeafCstNode[]): Array<[AstNode, LeafCstNode, LeafCstNode]> {
        const open = new Map<AstNode, LeafCstNode>();
        const result: Array<[AstNode, LeafCstNode, LeafCstNode]> = [];
        for (const token of tokens) {
            if (isKeywordLeaf(token, '{') && !open.has(token.astNode)) {
                open.set(token.astNode, token);
            } else if (isKeywordLeaf(token, '}') && open.has(token.astNode)) {
                result.push([token.astNode, open.get(token.astNode)!, token]);
            }
        }
        return result;
    }

    /**
     * Comments on their own line: like Langium's, but blank lines before the comment are also
     * collapsed to one (none at the start of the file), and trailing whitespace before it is removed.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const start = hidden.range.start;
        if (previous && previous.range.end.line === start.line) {
            return []; // a trailing comment: left where it is
        }
        const document = context.document;
        const lineStart = { line: start.line, character: 0 };
        const existingIndent = document.getText({ start: lineStart, end: start });
        const move = this.findFittingMove({ start: lineStart, end: start }, formatting?.moves ?? [], context);
        const expected = this.getIndentationCharacterCount(context, move);
        const existing = this.getExistingIndentationCharacterCount(existingIndent, context);
        const indentText = context.options.insertSpaces ? ' '.repeat(expected) : '\t'.repeat(expected);
        const edits: TextEdit[] = [];
        if (previous) {
            const blankLines = Math.min(1, start.line - previous.range.end.line - 1);
            edits.push({ range: { start: previous.range.end, end: start }, newText: this.eol.repeat(blankLines + 1) + indentText });
        } else {
            edits.push({ range: { start: { line: 0, character: 0 }, end: start }, newText: indentText });
        }
        // The following lines of a block comment move by as much as its first line.
        const shift = expected - existing;
        if (shift !== 0) {
            const lines = hidden.text.split('\n');
            for (let i = 1; i < lines.length; i++) {
                const position = { line: start.line + i, character: 0 };
                if (shift > 0) {
                    edits.push({ range: { start: position, end: position }, newText: (context.options.insertSpaces ? ' ' : '\t').repeat(shift) });
                } else {
                    const whitespace = /^[ \t]*/.exec(lines[i])![0].length;
                    edits.push({ range: { start: position, end: { line: position.line, character: Math.min(whitespace, -shift) } }, newText: '' });
                }
            }
        }
        return edits;
    }

    /**
     * Like Langium's, but a parser error at the end of the input (whose token has line -1) counts
     * as on the last line, so the part before an unfinished declaration can still be range-formatted.
     */
    protected override isFormatRangeErrorFree(document: LangiumDocument, range: Range): boolean {
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length === 0 && parserErrors.length === 0) return true;
        const lastLine = document.textDocument.lineCount - 1;
        // A loop, not Math.min(...lines): a file can hold hundreds of thousands of lexer errors.
        let first = Infinity;
        for (const line of [...lexerErrors.map(e => (e.line ?? NaN) - 1), ...parserErrors.map(e => (e.token.startLine ?? NaN) - 1)]) {
            first = Math.min(first, Number.isFinite(line) && line >= 0 ? line : lastLine);
        }
        return first > range.end.line;
    }

    /**
     * Langium's formatting, then what the LSP options and the range ask for: with
     * `trimTrailingWhitespace`, the whitespace that ends a line (after a `//` comment, inside a
     * block comment) goes too; with a range, only edits lying wholly inside it are kept (Langium
     * keeps any edit that overlaps the range's lines, reaching outside the range).
     */
    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const textDocument = document.textDocument;
        let edits = super.doDocumentFormat(document, options, range);
        const { lexerErrors, parserErrors } = document.parseResult;
        const root = document.parseResult.value.$cstNode;
        if (options.trimTrailingWhitespace && lexerErrors.length + parserErrors.length === 0 && root) {
            // Whitespace inside a string that spans lines is the string's text: kept.
            const strings = CstUtils.streamCst(root).filter(n => isLeafCstNode(n) && n.text.startsWith('"')).map(n => [n.offset, n.end] as const).toArray();
            edits = [...edits, ...trailingWhitespaceEdits(textDocument, [...edits.map(e => [textDocument.offsetAt(e.range.start), textDocument.offsetAt(e.range.end)] as const), ...strings])]
                .sort((a, b) => textDocument.offsetAt(a.range.start) - textDocument.offsetAt(b.range.start));
        }
        if (!range) return edits;
        const from = textDocument.offsetAt(range.start);
        const to = textDocument.offsetAt(range.end);
        return edits.filter(e => textDocument.offsetAt(e.range.start) >= from && textDocument.offsetAt(e.range.end) <= to);
    }

    /** Also ends the file with exactly one line break after its last token or comment. */
    protected override iterateCstFormatting(document: LangiumDocument, formattings: Map<string, FormattingAction>, options: FormattingOptions, range?: Range): TextEdit[] {
        const textDocument = document.textDocument;
        this.eol = textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
        const edits = super.iterateCstFormatting(document, formattings, options, range);
        const root = document.parseResult.value.$cstNode;
        const leaves = root ? CstUtils.streamCst(root).filter(isLeafCstNode).toArray() : [];
        const last = leaves.reduce<LeafCstNode | undefined>((found, leaf) => !found || leaf.end > found.end ? leaf : found, undefined);
        if (last) {
            const end = textDocument.positionAt(textDocument.getText().length);
            const tail = { start: last.range.end, end };
            if (this.insideRange(tail, range) && textDocument.getText(tail) !== this.eol) {
                edits.push({ range: tail, newText: this.eol });
            }
        }
        return edits;
    }

    /** Line breaks in the document's own style. */
    protected override createLineTextEdit(range: Range, lines: number, context: FormattingContext, options: FormattingActionOptions): TextEdit {
        const edit = super.createLineTextEdit(range, lines, context, options);
        return { ...edit, newText: edit.newText.replace(/\n/g, this.eol) };
    }

    /** An edit is needed when it changes more than the style of line breaks. */
    protected override isNecessary(edit: TextEdit, document: TextDocument): boolean {
        return edit.newText.replace(/\r/g, '') !== document.getText(edit.range).replace(/\r/g, '');
    }
}

/**
 * Deletions of the whitespace ending each line that touches none of `spans` (the offsets of the
 * formatting edits, which decide what stays where they are, since edits must not overlap, and of
 * strings).
 */
function trailingWhitespaceEdits(textDocument: TextDocument, spans: ReadonlyArray<readonly [number, number]>): TextEdit[] {
    const text = textDocument.getText();
    const result: TextEdit[] = [];
    for (const m of text.matchAll(/[ \t\f\v\u00a0]+(?=\r\n|\r|\n|$)/g)) {
        const start = m.index;
        const end = start + m[0].length;
        if (spans.some(([a, b]) => a < end && b > start)) continue;
        result.push({ range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, newText: '' });
    }
    return result;
}

type Structural =
    | { kind: 'item'; cst: CstNode }
    | { kind: 'member'; cst: CstNode; multiline: boolean; first: boolean }
    | { kind: 'open'; cst: CstNode }
    | { kind: 'close'; cst: CstNode; multiline: boolean };

function isKeywordLeaf(leaf: LeafCstNode, keyword: string): boolean {
    return GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === keyword;
}

/** A line break (keeping one blank line when there was at least one) and `tabs` more indentation. */
function lineBreak(tabs: number): FormattingAction {
    const moves: FormattingMove[] = [{ lines: 1, tabs }, { lines: 2, tabs }];
    return { options: {}, moves };
}

/** `count` spaces on the same line; `tabs` more indentation for what the node contains. */
function spaces(count: number, tabs: number): FormattingAction {
    return { options: {}, moves: [{ characters: count, tabs }] };
}
