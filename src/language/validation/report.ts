import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IssueCode } from './issue-codes.js';

/** Extra data a diagnostic carries for quick fixes; `code` is always present. */
export type IssueData = Record<string, unknown>;

/**
 * Reports a diagnostic with a stable code, set both as the LSP `code` and in `data.code`
 * (where Langium's code actions look for it).
 */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, severity: ValidationSeverity, code: IssueCode, message: string,
    info: Omit<DiagnosticInfo<N>, 'code' | 'data'> & { data?: IssueData }
): void {
    accept(severity, message, { ...info, code, data: { ...info.data, code } });
}

/** The stable code of a diagnostic (Langium's own parse and link errors included). */
export function codeOf(d: Diagnostic): string {
    if (typeof d.code === 'string') return d.code;
    const data = d.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : 'meso';
}
