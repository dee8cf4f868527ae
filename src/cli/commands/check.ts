import * as path from 'node:path';
import { byPosition, codeOf, severityName } from '../diagnostics.js';
import { ExitCode } from '../exit-codes.js';
import { expandPaths, loadWorkspace } from '../load-workspace.js';

export interface CheckOptions {
    /** Where to write output (stdout in the program, a buffer in tests). */
    readonly write: (text: string) => void;
    readonly cwd?: string;
}

/**
 * `meso check`: validates files and folders, prints `path:line:col: severity code: message`
 * and a summary, and returns the exit code.
 */
export async function checkCommand(paths: string[], options: CheckOptions): Promise<ExitCode> {
    const files = await expandPaths(paths.length > 0 ? paths : ['.']);
    if (files.length === 0) {
        options.write(`No .meso files found in ${paths.join(', ') || '.'}.\n`);
        return ExitCode.Ok;
    }
    const { files: checked } = await loadWorkspace(files);
    const cwd = options.cwd ?? process.cwd();
    let errors = 0;
    let warnings = 0;
    for (const file of checked) {
        const rel = path.relative(cwd, file.path) || file.path;
        for (const d of [...file.diagnostics].sort(byPosition)) {
            const severity = severityName(d);
            if (severity === 'error') errors++;
            if (severity === 'warning') warnings++;
            if (severity === 'hint') continue;
            options.write(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${codeOf(d)}: ${d.message}\n`);
        }
    }
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    options.write(`${plural(checked.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.\n`);
    return errors > 0 ? ExitCode.Problems : ExitCode.Ok;
}
