import type { Diagnostic } from 'vscode-languageserver-types';
import { codeOf } from '../language/validation/report.js';

export { severityName, type SeverityName } from '../language/validation/severity.js';

/** Orders diagnostics by position, then code, so output is stable. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || codeOf(a).localeCompare(codeOf(b));
}
