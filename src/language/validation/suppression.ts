import type { Diagnostic } from 'vscode-languageserver-types';
import { mayBeAccepted } from './acceptance.js';
import { IssueCodes } from './issue-codes.js';
import { Severity } from './severity.js';

/** A `// meso-ignore <code>: <reason>` comment. */
interface Suppression {
    readonly line: number;
    readonly character: number;
    readonly length: number;
    readonly code: string;
    readonly reason: string;
    /** True when code comes before the comment on its line: it covers its own line, else the next. */
    readonly trailing: boolean;
    used: boolean;
}

// The reason runs to the end of the line or to a following `//` comment.
const IGNORE = /\/\/\s*meso-ignore\s+([a-z-]+)(?:\s*:\s*((?:(?!\/\/).)*))?/;

function findSuppressions(text: string): Suppression[] {
    const found: Suppression[] = [];
    // Lines end as LSP positions count them: \r\n, \n or a lone \r.
    text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
        const m = IGNORE.exec(lineText);
        if (!m) return;
        const before = lineText.slice(0, m.index);
        found.push({
            line, character: m.index, length: m[0].trimEnd().length, code: m[1], reason: (m[2] ?? '').trim(),
            trailing: before.trim().length > 0, used: false
        });
    });
    return found;
}

function warning(s: Suppression, code: string, message: string): Diagnostic {
    return {
        range: { start: { line: s.line, character: s.character }, end: { line: s.line, character: s.character + s.length } },
        severity: Severity.Warning, source: 'meso', code, message, data: { code }
    };
}

/**
 * Removes diagnostics silenced by a `// meso-ignore` comment on their line (at its end) or
 * on the line above. Doses, allergies, withdrawn products and error-severity
 * contraindications are never silenced; a comment without a reason silences nothing.
 */
export function applySuppressions(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const suppressions = findSuppressions(text);
    if (suppressions.length === 0) return diagnostics;
    const extra: Diagnostic[] = [];
    const kept = diagnostics.filter(d => {
        const code = typeof d.code === 'string' ? d.code : undefined;
        const line = d.range.start.line;
        const s = suppressions.find(x => x.code === code && (x.trailing ? x.line === line : x.line === line - 1));
        if (!s || !s.reason) return true;
        if (!mayBeAccepted(d)) {
            if (!s.used) extra.push(warning(s, IssueCodes.IgnoreNotAllowed, `'${s.code}' cannot be ignored: doses, allergies, withdrawn products, error-severity contraindications and errors that leave part of the file unchecked must be fixed.`));
            s.used = true;
            return true;
        }
        s.used = true;
        return false;
    });
    for (const s of suppressions) {
        if (!s.reason) {
            extra.push(warning(s, IssueCodes.IgnoreNeedsReason, `'meso-ignore ${s.code}' needs a reason: write '// meso-ignore ${s.code}: <why this is accepted>'.`));
        } else if (!s.used) {
            extra.push(warning(s, IssueCodes.UnusedIgnore, `Nothing to ignore: no '${s.code}' diagnostic on the ${s.trailing ? 'same' : 'next'} line.`));
        }
    }
    return [...kept, ...extra];
}
