import type { ProblemReport } from '../problems.js';
import { paint } from '../color.js';
import { escapeControls, inertLines } from '../safe-output.js';
import type { Locale } from '../../language/i18n/locale.js';
import { t } from '../../language/i18n/translate.js';

const STYLE = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'dim' } as const;

/**
 * `path:line:col: severity code: message` lines and a summary line; control characters
 * escaped, no line a workflow command; the severity coloured when `color` is on.
 */
export function formatText(report: ProblemReport, color: boolean, locale: Locale = 'en'): string {
    const lines = report.problems.map(p =>
        `${escapeControls(p.file)}:${p.line}:${p.column}: ${paint(STYLE[p.severity], p.severity, color)} ${p.code}: ${escapeControls(p.message)}`);
    lines.push(t(locale, 'cli.summary', { files: report.filesChecked, errors: report.errors, warnings: report.warnings }));
    return inertLines(lines.join('\n')) + '\n';
}
