import type { ProblemReport } from '../problems.js';
import { paint } from '../color.js';
import { escapeControls, inertLines } from '../safe-output.js';

const STYLE = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'dim' } as const;

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * `path:line:col: severity code: message` lines and a summary line; control characters
 * escaped, no line a workflow command; the severity coloured when `color` is on.
 */
export function formatText(report: ProblemReport, color: boolean): string {
    const lines = report.problems.map(p =>
        `${escapeControls(p.file)}:${p.line}:${p.column}: ${paint(STYLE[p.severity], p.severity, color)} ${p.code}: ${escapeControls(p.message)}`);
    lines.push(`${plural(report.filesChecked, 'file')} checked: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`);
    return inertLines(lines.join('\n')) + '\n';
}
