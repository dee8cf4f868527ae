import * as path from 'node:path';
import type { CheckedFile } from './load-workspace.js';
import { codeOf } from '../language/validation/report.js';
import { byPosition, severityName, type SeverityName } from './diagnostics.js';

/** One reported problem, with 1-based positions (the documented `--format json` item). */
export interface Problem {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: SeverityName;
    readonly code: string;
    readonly message: string;
}

export interface ProblemReport {
    readonly filesChecked: number;
    readonly problems: Problem[];
    readonly errors: number;
    readonly warnings: number;
}

/**
 * Collects the problems of checked files, in file then position order. Hints (such as
 * `unused`) are for editors and are left out; `quiet` keeps errors only.
 */
export function collectProblems(files: CheckedFile[], cwd: string, quiet = false): ProblemReport {
    const problems: Problem[] = [];
    let errors = 0;
    let warnings = 0;
    for (const f of files) {
        const file = path.relative(cwd, f.path).split(path.sep).join('/') || f.path;
        for (const d of [...f.diagnostics].sort(byPosition)) {
            const severity = severityName(d);
            if (severity === 'error') errors++;
            if (severity === 'warning') warnings++;
            if (severity === 'hint' || (quiet && severity !== 'error')) continue;
            problems.push({
                file, severity, code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value,
                line: d.range.start.line + 1, column: d.range.start.character + 1,
                endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1
            });
        }
    }
    return { filesChecked: files.length, problems, errors, warnings };
}
