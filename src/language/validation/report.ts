import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IssueCode } from './issue-codes.js';
import { CATALOGUES, t, type CatalogueMessage, type MessageKey } from '../i18n/translate.js';
import type { Locale } from '../i18n/locale.js';

export type { CatalogueMessage } from '../i18n/translate.js';

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

let relatedKeys: Map<string, MessageKey> | undefined;

/** The related information of a diagnostic in `locale`: each catalogue message (`related.*`) translated. */
export function localizeRelated(d: Diagnostic, locale: Locale): void {
    if (!d.relatedInformation?.length) return;
    relatedKeys ??= new Map(Object.entries(CATALOGUES.en).filter(([k]) => k.startsWith('related.')).map(([k, v]) => [v, k as MessageKey]));
    for (const r of d.relatedInformation) {
        const key = relatedKeys.get(r.message);
        if (key) r.message = t(locale, key);
    }
}

/** The stable code of a diagnostic (Langium's own parse and link errors included). */
export function codeOf(d: Diagnostic): string {
    if (typeof d.code === 'string') return d.code;
    const data = d.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : 'meso';
}
