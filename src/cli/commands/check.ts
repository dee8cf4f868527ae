import * as path from 'node:path';
import { diagnosticDocs } from '../diagnostics-docs.generated.js';
import { diagnosticDocsUrl, projectUrl } from '../docs-url.js';
import { writeAllAtomically } from '../../files/write-atomic.js';
import { ExitCode } from '../exit-codes.js';
import { formatGithub } from '../formats/github.js';
import { formatGitlab } from '../formats/gitlab.js';
import { formatJson } from '../formats/json.js';
import { formatJunit } from '../formats/junit.js';
import { formatSarif } from '../formats/sarif.js';
import { formatText } from '../formats/text.js';
import { resolveInputs, stdinInput, type InputOptions } from '../inputs.js';
import { CheckCache, cacheFile } from '../check-cache.js';
import { checkFiles, mergeResults, threadCount, type CheckedResult } from '../check-files.js';
import { loadWorkspace } from '../load-workspace.js';
import type { ProjectConfigFile } from '../project-config-file.js';
import { collectProblems, reportOf, type ProblemReport } from '../problems.js';
import { escapeControls, inertJson, inertLines, inertXml } from '../safe-output.js';
import type { Locale } from '../../language/i18n/locale.js';
import { t } from '../../language/i18n/translate.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

export interface CheckOptions extends InputOptions {
    readonly format?: CheckFormat;
    /** Exit 1 when there are more warnings than this. */
    readonly maxWarnings?: number;
    /** Report errors only. */
    readonly quiet?: boolean;
    readonly color?: boolean;
    readonly version?: string;
    /** The language of the report (`--locale`, LC_ALL, LC_MESSAGES, LANG); codes stay the same in every language. */
    readonly locale?: Locale;
    /** `-o/--output-file`: write the report there (atomically) instead of to stdout. */
    readonly outputFile?: string;
    /** `--stdin`: check this text (read from standard input) as the file `stdinFilename`. */
    readonly stdin?: Uint8Array;
    readonly stdinFilename?: string;
    /** `--cache`: keep results in a cache file and reuse those of unchanged files. */
    readonly cache?: boolean;
    /** `--cache-location`: the cache file, or a folder to keep `.mesocache` in. */
    readonly cacheLocation?: string;
    /** `--concurrency`: `auto` (the default), `off` or a number of threads. */
    readonly concurrency?: string | number;
    /** The script worker threads run (the CLI's entry); without it everything is checked in this thread. */
    readonly workerScript?: string;
    /** Where to write output (stdout in the program, a buffer in tests). */
    readonly write: (text: string) => void;
}

/** The report in a format, inert for the Actions runner (see safe-output.ts). */
function render(report: ProblemReport, format: CheckFormat, options: CheckOptions, cwd: string): string {
    switch (format) {
        case 'json': return inertJson(formatJson(report));
        case 'github': return formatGithub(report);
        case 'gitlab': return inertJson(formatGitlab(report));
        case 'junit': return inertXml(formatJunit(report));
        case 'sarif': return inertJson(formatSarif(report,
            diagnosticDocs.map(d => ({ id: d.code, summary: d.summary, severity: d.severity, helpUri: diagnosticDocsUrl(d.code) })),
            { version: options.version ?? 'dev', informationUri: projectUrl(), root: cwd }));
        default: return formatText(report, options.color ?? false, options.locale);
    }
}

/**
 * The results of `files` and everything they import: from the cache for the files that and
 * whose imports did not change (with `--cache`), the others checked on the threads
 * `--concurrency` gives; in path order.
 */
async function checkWithCache(files: string[], root: string, cwd: string, options: CheckOptions, config: ProjectConfigFile | undefined) {
    const cache = options.cache ? new CheckCache(cacheFile(options.cacheLocation, cwd), { version: options.version ?? 'dev', root, maxBytes: options.maxBytes, locale: options.locale ?? 'en', files, config }) : undefined;
    const cached: CheckedResult[][] = [];
    const misses: string[] = [];
    // The configuration's formularies are reported with the files (they are loaded with every one).
    const formularies = config ? config.parsed.formularies.map(f => path.resolve(config.folder, f)) : [];
    for (const file of [...new Set([...files, ...formularies])]) {
        const hit = cache?.lookup(file);
        if (hit) cached.push(hit); else misses.push(file);
    }
    const threads = threadCount(options.concurrency, misses.length);
    const fresh = misses.length > 0 ? await checkFiles(misses, { root, maxBytes: options.maxBytes, locale: options.locale, config, threads, workerScript: options.workerScript }) : [];
    await cache?.save(fresh);
    // A file both checked now and found in the cache has the same results either way: the fresh ones are listed first.
    return mergeResults([fresh, ...cached]);
}

/**
 * `meso check`: validates files, folders (recursively) and globs, or one text from standard
 * input, prints the problems in the chosen format (or writes them to `--output-file`), and
 * returns the exit code (0 clean, 1 errors or too many warnings).
 */
export async function checkCommand(paths: string[], options: CheckOptions): Promise<ExitCode> {
    const cwd = options.cwd ?? process.cwd();
    const format = options.format ?? 'text';
    const locale = options.locale ?? 'en';
    const { files, root, texts, config } = options.stdin
        ? await stdinInput(paths, options.stdin, options.stdinFilename, { ...options, cwd })
        : { ...await resolveInputs(paths, { ...options, cwd }), texts: undefined };
    if (files.length === 0 && format === 'text' && !options.outputFile) {
        options.write(inertLines(`${t(locale, 'cli.noFiles', { paths: escapeControls(paths.join(', ') || '.') })}\n`));
        return ExitCode.Ok;
    }
    let report: ProblemReport;
    if (texts) {
        const checked = (await loadWorkspace(files, { root, maxBytes: options.maxBytes, texts, locale, config })).files;
        // With --stdin, only the text given is reported (its imports are checked with it, as usual, but not listed).
        report = collectProblems(checked.filter(f => texts.has(f.path)), cwd, options.quiet);
    } else {
        report = reportOf(await checkWithCache(files, root, cwd, options, config), cwd, options.quiet);
    }
    let output = render(report, format, options, cwd);
    const tooManyWarnings = report.errors === 0 && options.maxWarnings !== undefined && report.warnings > options.maxWarnings;
    if (tooManyWarnings && format === 'text') output += `${t(locale, 'cli.tooManyWarnings', { warnings: report.warnings, max: options.maxWarnings })}\n`;
    if (options.outputFile) {
        await writeAllAtomically([{ path: path.resolve(cwd, options.outputFile), text: output }]);
    } else {
        options.write(output);
    }
    if (report.errors > 0 || tooManyWarnings) return ExitCode.Problems;
    return ExitCode.Ok;
}
