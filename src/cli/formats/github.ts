import type { ProblemReport } from '../problems.js';
import { escapeControls } from '../safe-output.js';

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,. Other
// control characters would reach the annotation raw: escaped as the text format escapes them.
const escapeData = (s: string) => escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` per problem. Columns
 * only on a range within one line: GitHub documents `col` and `endColumn` as not allowed when
 * `line` and `endLine` differ.
 */
export function formatGithub(report: ProblemReport): string {
    return report.problems.map(p => {
        const columns = p.line === p.endLine ? `,col=${p.column}` : '';
        const endColumn = p.line === p.endLine ? `,endColumn=${p.endColumn}` : '';
        return `::${COMMAND[p.severity]} file=${escapeProperty(p.file)},line=${p.line}${columns},endLine=${p.endLine}${endColumn},title=${escapeProperty(`meso ${p.code}`)}::${escapeData(p.message)}\n`;
    }).join('');
}
