import type { Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes, UNSUPPRESSIBLE } from './issue-codes.js';
import { Severity } from './severity.js';

/** The codes a `// meso-ignore` comment produces: they come after the comments are applied. */
const ABOUT_COMMENTS: ReadonlySet<string> = new Set([IssueCodes.UnusedIgnore, IssueCodes.IgnoreNeedsReason, IssueCodes.IgnoreNotAllowed]);

/**
 * Whether a `// meso-ignore <code>: <reason>` comment may silence this diagnostic: never a
 * code of `UNSUPPRESSIBLE`, a contraindication at error severity, or a diagnostic about the
 * comments themselves (docs/diagnostics.md, "How to accept a diagnostic"). The one place this
 * safety rule is written: suppression applies it, the quick fix offers only what it allows.
 */
export function mayBeAccepted(d: Pick<Diagnostic, 'code' | 'severity'>): boolean {
    const code = typeof d.code === 'string' ? d.code : undefined;
    if (!code || UNSUPPRESSIBLE.has(code) || ABOUT_COMMENTS.has(code)) return false;
    return !(code === IssueCodes.Contraindicated && (d.severity ?? Severity.Error) === Severity.Error);
}
