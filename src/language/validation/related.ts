import { AstUtils, type AstNode } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isStdUri } from '../std/std-library.js';
import { t, type MessageKey } from '../i18n/translate.js';

/** The catalogue keys of related-information messages (`maximum declared here`). */
export type RelatedKey = Extract<MessageKey, `related.${string}`>;

/** `std` for the standard library, else the file name: where a figure comes from. */
export function originOf(node: AstNode): string {
    const uri = AstUtils.getDocument(node).uri;
    return isStdUri(uri) ? 'std' : uri.path.split('/').pop() ?? uri.toString();
}

/**
 * Points a diagnostic at the declaration that caused it (also into std), with a message of the
 * catalogue, in English here: the document validator translates it (localizedRelated, report.ts).
 */
export function relatedTo(node: AstNode, message: RelatedKey | string): DiagnosticRelatedInformation[] {
    const range = node.$cstNode?.range;
    if (!range) return [];
    const text = message.startsWith('related.') ? t('en', message as RelatedKey) : message;
    return [{ location: { uri: AstUtils.getDocument(node).uri.toString(), range }, message: text }];
}

/** `(std: S2 …)` — the origin and source of a library rule, for messages. */
export function sourceNote(node: AstNode & { source?: string }): string {
    return `(${originOf(node)}${node.source ? `: ${node.source}` : ''})`;
}
