import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type AstNode, type CompositeCstNode, type CstNode, type LangiumParser, type ParseResult, type RootCstNode } from 'langium';

/**
 * The rules whose text is a braced block that nothing may follow: `'keyword' … '{' … '}'`.
 * A test checks each against the grammar. An edit strictly inside one of these blocks can only
 * change that block, so only the block is parsed again.
 */
export const BLOCK_TYPES: ReadonlySet<string> = new Set(['Substance', 'Protocol', 'Mixture', 'Technique', 'Session', 'Schedule', 'Patient']);

// Langium 4.4's CST classes keep positions in plain fields; shifting them in place is what
// makes a block re-parse cheap. They are private to Langium, so `hasCstFields` checks before
// each re-parse that they are there and agree with the public getters: after an upgrade that
// renames them the block path is skipped (a full parse: slower, never wrong), and the
// equivalence tests (block-reparse*.test.ts) compare every field with a full parse.
// docs/langium-overrides.md lists what to compare on an upgrade.
interface LeafFields {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface CompositeFields { content: CstNode[]; astNode: AstNode; _rangeCache: unknown }
interface RootFields { _text: string }

/** A block parsed again: the document's new parse result, and the block node it replaced. */
export interface BlockReparse {
    readonly result: ParseResult<AstNode>;
    readonly replaced: AstNode;
    readonly by: AstNode;
}

/**
 * Re-parses only the innermost block that strictly contains the change from the previous text
 * to `text`, and splices it into the previous tree, which is changed in place: the nodes
 * outside the block are kept and their positions moved. Returns undefined (parse the whole
 * text instead) unless the previous parse was clean and the new block parses cleanly as the
 * same kind of node, all of its text consumed: then a full parse would give the same tree.
 */
export function reparseBlock(parser: LangiumParser, previous: ParseResult<AstNode>, text: string): BlockReparse | undefined {
    const root = previous.value;
    const rootCst = root.$cstNode as RootCstNode | undefined;
    if (!rootCst || !isClean(previous) || !hasCstFields(rootCst)) return undefined;
    const oldText = rootCst.fullText;
    if (oldText === text) return undefined;

    const { start, oldEnd } = changedRange(oldText, text);
    const block = innermostBlock(root, start, oldEnd);
    const cst = block?.$cstNode as CompositeCstNode | undefined;
    const ruleName = cst && GrammarAST.isRuleCall(cst.grammarSource) ? cst.grammarSource.rule.ref?.name : undefined;
    if (!block || !cst || !ruleName) return undefined;

    const delta = text.length - oldText.length;
    const from = cst.offset;
    const oldBlockEnd = cst.end;
    const chunk = text.substring(from, oldBlockEnd + delta);
    const fresh = parser.parse(chunk, { rule: ruleName });
    const freshCst = fresh.value.$cstNode as RootCstNode | undefined;
    if (!isClean(fresh) || fresh.value.$type !== block.$type || !freshCst || freshCst.offset !== 0 || freshCst.end !== chunk.length) return undefined;
    if (!hasCstFields(freshCst)) return undefined;

    // Where the block starts and ends, before and after the edit. (Read from the leaves: a
    // composite's `range` getter caches its result, which moving the leaves would make stale.)
    const first = edgeLeaf(cst, 0);
    const oldLast = edgeLeaf(cst, -1);
    const freshLast = edgeLeaf(freshCst, -1);
    const newEndLine = first._startLine + freshLast._endLine;
    const newEndColumn = freshLast._endLine === 0 ? first._startColumn + freshLast._endColumn : freshLast._endColumn;

    moveFollowing(rootCst, cst, oldBlockEnd, delta, oldLast._endLine, newEndLine - oldLast._endLine, newEndColumn - oldLast._endColumn);
    const [line, column] = [first._startLine, first._startColumn];
    for (const leaf of CstUtils.streamCst(freshCst).filter(isLeafCstNode)) {
        const f = leaf as unknown as LeafFields;
        if (f._startLine === 0) f._startColumn += column;
        if (f._endLine === 0) f._endColumn += column;
        f._offset += from;
        f._startLine += line;
        f._endLine += line;
    }
    splice(block, fresh.value, cst, freshCst);
    (rootCst as unknown as RootFields)._text = text;
    return { result: { value: root, lexerErrors: [], parserErrors: [], lexerReport: previous.lexerReport }, replaced: block, by: fresh.value };
}

/**
 * Whether a CST has the private fields this module writes, holding what the public getters
 * read: the root's `_text`, a composite's `content` and `_rangeCache`, and a leaf's
 * `_offset`, `_startLine`, `_startColumn`, `_endLine` and `_endColumn` (its first leaf, and
 * the first leaf of its last top-level child).
 */
export function hasCstFields(root: RootCstNode): boolean {
    const rootFields = root as unknown as Partial<RootFields & CompositeFields>;
    if (rootFields._text !== root.fullText || !Array.isArray(rootFields.content) || !('_rangeCache' in root)) return false;
    const content = root.content;
    if (content.length === 0) return true;
    return [content[0], content[content.length - 1]].every(child => {
        let node: CstNode = child;
        while ('content' in node) {
            const composite = node as CompositeCstNode;
            if (!('_rangeCache' in composite)) return false;
            if (composite.content.length === 0) return true;
            node = composite.content[0];
        }
        return leafFieldsAgree(node);
    });
}

function leafFieldsAgree(leaf: CstNode): boolean {
    const f = leaf as unknown as Partial<LeafFields>;
    const { start, end } = leaf.range;
    return f._offset === leaf.offset && f._startLine === start.line && f._startColumn === start.character
        && f._endLine === end.line && f._endColumn === end.character;
}

/** No lexer or parser error, nor lexer report. */
function isClean(result: ParseResult<AstNode>): boolean {
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && (result.lexerReport?.diagnostics.length ?? 0) === 0;
}

/** The changed span: old text [start, oldEnd) became new text [start, oldEnd + delta). */
function changedRange(oldText: string, text: string): { start: number; oldEnd: number } {
    const shortest = Math.min(oldText.length, text.length);
    // Equal stretches are skipped a kilobyte at a time (substring equality is a memory compare).
    let start = 0;
    while (start + STRIDE <= shortest && oldText.substring(start, start + STRIDE) === text.substring(start, start + STRIDE)) start += STRIDE;
    while (start < shortest && oldText.charCodeAt(start) === text.charCodeAt(start)) start++;
    let suffix = 0;
    const room = shortest - start;
    while (suffix + STRIDE <= room && oldText.substring(oldText.length - suffix - STRIDE, oldText.length - suffix) === text.substring(text.length - suffix - STRIDE, text.length - suffix)) suffix += STRIDE;
    while (suffix < room && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix };
}
const STRIDE = 1024;

/**
 * The deepest block whose first and last characters are outside the change: a change that
 * touches a block's keyword or its closing brace may change where the block ends.
 */
function innermostBlock(root: AstNode, start: number, oldEnd: number): AstNode | undefined {
    let found: AstNode | undefined;
    let node: AstNode | undefined = root;
    while (node) {
        let inner: AstNode | undefined;
        for (const child of AstUtils.streamContents(node)) {
            const cst = child.$cstNode;
            if (cst && cst.offset < start && oldEnd < cst.end) { inner = child; break; }
            if (cst && cst.offset >= oldEnd) break;
        }
        if (inner && BLOCK_TYPES.has(inner.$type)) found = inner;
        node = inner;
    }
    return found;
}

/** Moves every leaf after the block (they all start at or after `oldBlockEnd`), and forgets cached ranges. */
function moveFollowing(root: CompositeCstNode, block: CstNode, oldBlockEnd: number, delta: number, endLine: number, lineDelta: number, columnDelta: number): void {
    let passed = false;
    const visit = (node: CompositeCstNode): void => {
        (node as unknown as CompositeFields)._rangeCache = undefined;
        for (const child of node.content) {
            if (child === block) {
                passed = true;
            } else if ('content' in child) {
                // Before the block, only its ancestors need a visit; after it, everything.
                if (passed || child.end > oldBlockEnd - 1) visit(child as CompositeCstNode);
            } else if (passed || child.offset >= oldBlockEnd) {
                const f = child as unknown as LeafFields;
                if (f._startLine === endLine) f._startColumn += columnDelta;
                if (f._endLine === endLine) f._endColumn += columnDelta;
                f._offset += delta;
                f._startLine += lineDelta;
                f._endLine += lineDelta;
            }
        }
    };
    visit(root);
}

/** The first (`at` 0) or last (`at` -1) leaf of a block: a keyword and its closing brace. */
function edgeLeaf(node: CompositeCstNode, at: 0 | -1): LeafFields {
    let child: CstNode | undefined = node;
    while (child && 'content' in child) child = (child as CompositeCstNode).content.at(at);
    if (!child) throw new Error('a parsed block has tokens');
    return child as unknown as LeafFields;
}

/** Puts the fresh block where the old one was, in the AST and in the CST. */
function splice(old: AstNode, fresh: AstNode, cst: CompositeCstNode, freshCst: RootCstNode): void {
    const container = old.$container as unknown as Record<string, unknown> | undefined;
    const property = old.$containerProperty;
    if (!container || !property) throw new Error('a block always has a container');
    const value = container[property];
    if (Array.isArray(value)) value[old.$containerIndex!] = fresh;
    else container[property] = fresh;
    Object.assign(fresh, { $container: old.$container, $containerProperty: property, $containerIndex: old.$containerIndex });

    const content = freshCst.content;
    for (const child of content) (child as { container?: CompositeCstNode }).container = cst;
    const fields = cst as unknown as CompositeFields;
    fields.content = [...content];
    fields._rangeCache = undefined;
    fields.astNode = fresh;
    (fresh as { $cstNode?: CstNode }).$cstNode = cst;
}
