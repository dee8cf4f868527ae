import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfiguredSeverity } from '../workspace/project-settings.js';
import { mayBeAccepted } from './acceptance.js';
import { Severity } from './severity.js';

const LSP_SEVERITY = { error: Severity.Error, warning: Severity.Warning, info: Severity.Information } as const;

/**
 * Applies a project's `severities` (meso.config.json): a code set to `off` is dropped and any
 * other setting replaces the severity. A diagnostic that may not be accepted (doses, allergies,
 * error-severity contraindications, unread files: acceptance.ts) is never dropped nor lowered,
 * whatever the configuration says: the configuration reader refuses such settings, and this is
 * the second lock.
 */
export function applyConfiguredSeverities(diagnostics: Diagnostic[], severities: Readonly<Record<string, ConfiguredSeverity>> | undefined): Diagnostic[] {
    if (!severities || Object.keys(severities).length === 0) return diagnostics;
    const result: Diagnostic[] = [];
    for (const d of diagnostics) {
        const code = typeof d.code === 'string' ? d.code : undefined;
        const wanted = code ? severities[code] : undefined;
        if (!wanted) { result.push(d); continue; }
        const current = d.severity ?? Severity.Error;
        const locked = !mayBeAccepted(d);
        if (wanted === 'off') {
            if (locked) result.push(d);
            continue;
        }
        const severity = LSP_SEVERITY[wanted];
        result.push(locked && severity > current ? d : { ...d, severity });
    }
    return result;
}
