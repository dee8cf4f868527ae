import type { Diagnostic } from 'vscode-languageserver-types';
import { codeOf } from '../language/validation/report.js';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** LSP severity number → the word shown to users. */
export function severityName(d: Diagnostic): SeverityName {
    switch (d.severity) {
        case 1: return 'error';
        case 2: return 'warning';
        case 3: return 'info';
        default: return 'hint';
    }
}

/** Orders diagnostics by position, then code, so output is stable. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || codeOf(a).localeCompare(codeOf(b));
}
