import { fingerprints, type ProblemReport } from '../problems.js';

// GitLab's severities: info, minor, major, critical, blocker.
const SEVERITY = { error: 'major', warning: 'minor', info: 'info', hint: 'info' } as const;

/**
 * GitLab Code Quality (a subset of the Code Climate issue format, as GitLab documents it):
 * a JSON array with, per problem, `description`, `check_name`, `fingerprint`, `severity` and
 * `location.path` (relative to the folder meso ran in: run it at the repository's root) with
 * `location.lines.begin`; `type` and `categories` for Code Climate's own tools.
 */
export function formatGitlab(report: ProblemReport): string {
    const prints = fingerprints(report);
    return JSON.stringify(report.problems.map((p, i) => ({
        type: 'issue',
        check_name: p.code,
        description: `${p.code}: ${p.message}`,
        categories: ['Bug Risk'],
        severity: SEVERITY[p.severity],
        fingerprint: prints[i],
        location: { path: p.file, lines: { begin: p.line, end: p.endLine } }
    })), null, 2) + '\n';
}
