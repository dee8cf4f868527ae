import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IssueCode } from './issue-codes.js';
import { t, type MessageArgs, type MessageKey } from '../i18n/translate.js';

/** A message of the catalogue: English in the diagnostic, and its key and arguments in `data.message`
 * so that the document validator gives it in the run's or the server's language. */
export interface CatalogueMessage {
    readonly key: MessageKey;
    readonly args?: MessageArgs;
}

/** Extra data a diagnostic carries for quick fixes; `code` is always present. */
export type IssueData = Record<string, unknown>;

/**
 * Reports a diagnostic with a stable code, set both as the LSP `code` and in `data.code`
 * (where Langium's code actions look for it).
 */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, severity: ValidationSeverity, code: IssueCode, message: string | CatalogueMessage,
    info: Omit<DiagnosticInfo<N>, 'code' | 'data'> & { data?: IssueData }
): void {
    if (typeof message === 'string') return accept(severity, message, { ...info, code, data: { ...info.data, code } });
    accept(severity, t('en', message.key, message.args), { ...info, code, data: { ...info.data, code, message } });
}

/** The message of a diagnostic in `locale` when it came from the catalogue (`data.message`). */
export function localizedMessage(d: Diagnostic, locale: Parameters<typeof t>[0]): string | undefined {
    const message = (d.data as { message?: CatalogueMessage } | undefined)?.message;
    return message && typeof message === 'object' ? t(locale, message.key, message.args) : undefined;
}

/** The stable code of a diagnostic (Langium's own parse and link errors included). */
export function codeOf(d: Diagnostic): string {
    if (typeof d.code === 'string') return d.code;
    const data = d.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : 'meso';
}
