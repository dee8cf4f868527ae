import { createHash } from 'node:crypto';
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
    /** The files checked, as `file` is written in problems, in order. */
    readonly files?: readonly string[];
    readonly problems: Problem[];
    readonly errors: number;
    readonly warnings: number;
}

/** A problem without its file: what the check cache and the worker threads carry per file. */
export type FileProblem = Omit<Problem, 'file'>;

/** One file's problems, hints left out (they are for editors), in position order. */
export interface FileProblems {
    /** Absolute path. */
    readonly path: string;
    readonly problems: readonly FileProblem[];
}

export function fileProblemsOf(f: CheckedFile): FileProblems {
    const problems: FileProblem[] = [];
    for (const d of [...f.diagnostics].sort(byPosition)) {
        const severity = severityName(d);
        if (severity === 'hint') continue;
        problems.push({
            severity, code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value,
            line: d.range.start.line + 1, column: d.range.start.character + 1,
            endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1
        });
    }
    return { path: f.path, problems };
}

/**
 * Collects the problems of checked files, in file then position order. Hints (such as
 * `unused`) are for editors and are left out; `quiet` keeps errors only.
 */
export function collectProblems(files: CheckedFile[], cwd: string, quiet = false): ProblemReport {
    return reportOf(files.map(fileProblemsOf), cwd, quiet);
}

/** The report of files' problems (in the order given); `quiet` keeps errors only. */
export function reportOf(files: readonly FileProblems[], cwd: string, quiet = false): ProblemReport {
    const problems: Problem[] = [];
    const names: string[] = [];
    let errors = 0;
    let warnings = 0;
    for (const f of files) {
        const file = path.relative(cwd, f.path).split(path.sep).join('/') || f.path;
        names.push(file);
        for (const p of f.problems) {
            if (p.severity === 'error') errors++;
            if (p.severity === 'warning') warnings++;
            if (quiet && p.severity !== 'error') continue;
            problems.push({ file, ...p });
        }
    }
    return { filesChecked: files.length, files: names, problems, errors, warnings };
}

/**
 * A stable fingerprint per problem (32 hex digits): the SHA-256 of its code, file and
 * message, and of how many identical problems came before it in the file, so that identical
 * problems keep distinct fingerprints and a problem keeps its own when lines move. SARIF's
 * `partialFingerprints` and GitLab's `fingerprint` carry it.
 */
export function fingerprints(report: ProblemReport): string[] {
    const seen = new Map<string, number>();
    return report.problems.map(p => {
        const key = `${p.code}|${p.file}|${p.message}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return createHash('sha256').update(`${key}|${n}`).digest('hex').slice(0, 32);
    });
}
