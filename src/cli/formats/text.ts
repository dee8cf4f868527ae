import type { ProblemReport } from '../problems.js';
import { escapeControls, inertLines } from '../safe-output.js';

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', hint: '\u001b[2m' } as const;
const RESET = '\u001b[0m';

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** `path:line:col: severity code: message` lines and a summary line; control characters escaped, no line a workflow command. */
export function formatText(report: ProblemReport, color: boolean): string {
    const lines = report.problems.map(p => {
        const severity = color ? `${COLORS[p.severity]}${p.severity}${RESET}` : p.severity;
        return `${escapeControls(p.file)}:${p.line}:${p.column}: ${severity} ${p.code}: ${escapeControls(p.message)}`;
    });
    lines.push(`${plural(report.filesChecked, 'file')} checked: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`);
    return inertLines(lines.join('\n')) + '\n';
}
