import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/**
 * LSP diagnostic severities by name (`Severity.Error` is 1 … `Severity.Hint` is 4), so that no
 * module compares a diagnostic's severity with a bare number.
 */
export const Severity = DiagnosticSeverity;

/** The word users see for a severity (CLI output, `meso explain`, the preview, fixtures). */
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** A diagnostic's severity as a word; LSP reads a missing severity as an error. */
export function severityName(d: Pick<Diagnostic, 'severity'>): SeverityName {
    switch (d.severity ?? Severity.Error) {
        case Severity.Error: return 'error';
        case Severity.Warning: return 'warning';
        case Severity.Information: return 'info';
        default: return 'hint';
    }
}
