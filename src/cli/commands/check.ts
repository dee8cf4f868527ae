import { diagnosticDocs } from '../diagnostics-docs.generated.js';
import { ExitCode } from '../exit-codes.js';
import { formatGithub } from '../formats/github.js';
import { formatJson } from '../formats/json.js';
import { formatSarif } from '../formats/sarif.js';
import { formatText } from '../formats/text.js';
import { resolveInputs, type InputOptions } from '../inputs.js';
import { loadWorkspace } from '../load-workspace.js';
import { collectProblems } from '../problems.js';
import { escapeControls, inertJson, inertLines } from '../safe-output.js';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github';

export interface CheckOptions extends InputOptions {
    readonly format?: CheckFormat;
    /** Exit 1 when there are more warnings than this. */
    readonly maxWarnings?: number;
    /** Report errors only. */
    readonly quiet?: boolean;
    readonly color?: boolean;
    readonly version?: string;
    /** Where to write output (stdout in the program, a buffer in tests). */
    readonly write: (text: string) => void;
}

/**
 * `meso check`: validates files, folders (recursively) and globs, prints the problems in
 * the chosen format, and returns the exit code (0 clean, 1 errors or too many warnings).
 */
export async function checkCommand(paths: string[], options: CheckOptions): Promise<ExitCode> {
    const cwd = options.cwd ?? process.cwd();
    const { files, root } = await resolveInputs(paths, { ...options, cwd });
    const format = options.format ?? 'text';
    if (files.length === 0 && format === 'text') {
        options.write(inertLines(`No .meso files found in ${escapeControls(paths.join(', ') || '.')}.\n`));
        return ExitCode.Ok;
    }
    const checked = files.length > 0 ? (await loadWorkspace(files, { root, maxBytes: options.maxBytes })).files : [];
    const report = collectProblems(checked, cwd, options.quiet);
    switch (format) {
        case 'json': options.write(inertJson(formatJson(report))); break;
        case 'github': options.write(formatGithub(report)); break;
        case 'sarif': options.write(inertJson(formatSarif(report, diagnosticDocs.map(d => ({ id: d.code, summary: d.summary, severity: d.severity })), options.version ?? 'dev'))); break;
        default: options.write(formatText(report, options.color ?? false));
    }
    if (report.errors > 0) return ExitCode.Problems;
    if (options.maxWarnings !== undefined && report.warnings > options.maxWarnings) {
        if (format === 'text') options.write(`Too many warnings: ${report.warnings} (at most ${options.maxWarnings} allowed by --max-warnings).\n`);
        return ExitCode.Problems;
    }
    return ExitCode.Ok;
}
