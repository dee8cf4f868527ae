import { AstUtils, type AstNode } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isStdUri } from '../std/std-library.js';

/** `std` for the standard library, else the file name: where a figure comes from. */
export function originOf(node: AstNode): string {
    const uri = AstUtils.getDocument(node).uri;
    return isStdUri(uri) ? 'std' : uri.path.split('/').pop() ?? uri.toString();
}

/** Points a diagnostic at the declaration that caused it (also into std). */
export function relatedTo(node: AstNode, message: string): DiagnosticRelatedInformation[] {
    const range = node.$cstNode?.range;
    if (!range) return [];
    return [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range }, message }];
}

/** `(std: S2 …)` — the origin and source of a library rule, for messages. */
export function sourceNote(node: AstNode & { source?: string }): string {
    return `(${originOf(node)}${node.source ? `: ${node.source}` : ''})`;
}
