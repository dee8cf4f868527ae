import type { ProblemReport } from '../problems.js';

/** A JSON array of `{file, line, column, endLine, endColumn, severity, code, message}`. */
export function formatJson(report: ProblemReport): string {
    return JSON.stringify(report.problems, null, 2) + '\n';
}
