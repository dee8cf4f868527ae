import { AstUtils, isAstNode, isReference, type AstNode, type CompositeCstNode, type CstNode, type LeafCstNode } from 'langium';

// Grammar elements and token types are compared by identity: both trees come from one parser.
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(value: object | undefined): number | undefined {
    if (!value) return undefined;
    let id = ids.get(value);
    if (id === undefined) ids.set(value, id = nextId++);
    return id;
}

function position(node: CstNode): string {
    const { start, end } = node.range;
    return `${node.offset}+${node.length} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

function cstLines(node: CstNode, parent: CstNode | undefined, depth: number, out: string[]): void {
    if (node.container !== parent) out.push(`!! container of ${position(node)} is wrong`);
    const indent = ' '.repeat(depth);
    if ('content' in node) {
        const composite = node as CompositeCstNode;
        const own = composite.astNode.$cstNode === composite ? ` ast=${composite.astNode.$type}` : '';
        out.push(`${indent}C ${position(node)} g=${idOf(node.grammarSource)}${own}`);
        for (const child of composite.content) cstLines(child, composite, depth + 1, out);
    } else {
        out.push(`${indent}L ${position(node)} ${JSON.stringify(node.text)} t=${idOf((node as LeafCstNode).tokenType)} g=${idOf(node.grammarSource)} h=${node.hidden}`);
    }
}

function astLines(root: AstNode, out: string[]): void {
    for (const node of AstUtils.streamAst(root)) {
        const parts = [`${node.$type} @${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}]`, node.$cstNode ? position(node.$cstNode) : 'no cst'];
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            for (const item of Array.isArray(value) ? value : [value]) {
                if (isReference(item)) parts.push(`${key}->${item.$refText}@${item.$refNode ? position(item.$refNode) : '?'}`);
                else if (isAstNode(item)) {
                    if (item.$container !== node) parts.push(`!! ${key} has a wrong container`);
                } else parts.push(`${key}=${JSON.stringify(item)}`);
            }
        }
        out.push(parts.join(' '));
    }
}

/**
 * Every AST node (type, place, position, properties, references) and every CST node
 * (position, text, grammar element, token type, container), one line each: two trees of the
 * same text must give the same lines.
 */
export function treeSnapshot(root: AstNode): string[] {
    const out: string[] = [];
    astLines(root, out);
    if (root.$cstNode) cstLines(root.$cstNode, undefined, 0, out);
    return out;
}
