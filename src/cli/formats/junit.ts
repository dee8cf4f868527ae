import type { ProblemReport } from '../problems.js';
import { escapeControls } from '../safe-output.js';

/** XML text and attribute values: the five entities; control characters escaped first (XML 1.0 cannot hold most of them at all). */
const xml = (s: string) => escapeControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * JUnit XML, as ESLint's `junit` formatter lays it out (GitLab, Jenkins and others read it):
 * one `<testsuite>` per file checked, one `<testcase>` per problem with a `<failure>` (its
 * `type` the severity), and a single passing `<testcase>` for a file without problems.
 */
export function formatJunit(report: ProblemReport): string {
    const files = report.files ?? [...new Set(report.problems.map(p => p.file))];
    const byFile = new Map(files.map(f => [f, report.problems.filter(p => p.file === f)]));
    const tests = [...byFile.values()].reduce((n, problems) => n + Math.max(problems.length, 1), 0);
    const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<testsuites name="meso" tests="${tests}" failures="${report.problems.length}">`];
    for (const [file, problems] of byFile) {
        lines.push(`  <testsuite name="${xml(file)}" tests="${Math.max(problems.length, 1)}" failures="${problems.length}" errors="0" time="0">`);
        if (problems.length === 0) lines.push(`    <testcase name="${xml(file)}" classname="${xml(file)}" time="0"/>`);
        for (const p of problems) {
            const where = `${file}:${p.line}:${p.column}`;
            lines.push(`    <testcase name="${xml(`${p.code} at ${where}`)}" classname="${xml(file)}" time="0">`,
                `      <failure type="${p.severity}" message="${xml(p.message)}">${xml(`${where}: ${p.severity} ${p.code}: ${p.message}`)}</failure>`,
                '    </testcase>');
        }
        lines.push('  </testsuite>');
    }
    lines.push('</testsuites>');
    return lines.join('\n') + '\n';
}
