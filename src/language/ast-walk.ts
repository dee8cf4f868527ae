import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

// The node list of a root is computed once and shared by the four walks of a build. A tree
// changes after parsing only by a block re-parse, which replaces the block's nodes in it.
const nodeLists = new WeakMap<AstNode, readonly AstNode[]>();

/** After a block re-parse: the nodes of `replaced` (a subtree in pre-order) become those of `by`. */
export function replaceAstNodes(root: AstNode, replaced: AstNode, by: AstNode): void {
    const nodes = nodeLists.get(root);
    if (!nodes) return;
    const at = nodes.indexOf(replaced);
    if (at < 0) {
        nodeLists.delete(root);
        return;
    }
    const removed: AstNode[] = [replaced];
    collectContents(replaced, removed);
    const added: AstNode[] = [by];
    collectContents(by, added);
    nodeLists.set(root, [...nodes.slice(0, at), ...added, ...nodes.slice(at + removed.length)]);
}

/**
 * The nodes of a tree, root first, in the order of Langium's `AstUtils.streamAst`
 * (pre-order, properties in key order, `$` properties skipped), as a plain array computed
 * once per root. Langium walks a document with lazy streams four times per build (local
 * symbols, linking, reference index, validation); on a 5,000-line protocol those iterator
 * objects and per-node promises were a large share of each edit's time.
 */
export function astNodesOf(root: AstNode): readonly AstNode[] {
    let nodes = nodeLists.get(root);
    if (!nodes) {
        const list = [root];
        collectContents(root, list);
        nodeLists.set(root, nodes = list);
    }
    return nodes;
}

function collectContents(node: AstNode, into: AstNode[]): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(record, key)) continue;
        const value = record[key];
        if (isAstNode(value)) {
            into.push(value);
            collectContents(value, into);
        } else if (Array.isArray(value)) {
            for (const element of value) {
                if (isAstNode(element)) {
                    into.push(element);
                    collectContents(element, into);
                }
            }
        }
    }
}

/** Calls `action` for each (multi-)reference a node holds, like `AstUtils.streamReferences`. */
export function forEachReference(node: AstNode, action: (info: ReferenceInfo) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property in record) {
        if (property.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(record, property)) continue;
        const value = record[property];
        if (isReference(value) || isMultiReference(value)) {
            action({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (isReference(element) || isMultiReference(element)) action({ reference: element, container: node, property, index });
            }
        }
    }
}
