import type { ProblemReport } from '../problems.js';

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` per problem. */
export function formatGithub(report: ProblemReport): string {
    return report.problems.map(p =>
        `::${COMMAND[p.severity]} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${escapeProperty(`meso ${p.code}`)}::${escapeData(p.message)}`
    ).map(l => l + '\n').join('');
}
