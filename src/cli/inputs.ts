import { findProjectConfig, ignorePatternsOf, readProjectConfig, type ProjectConfigFile } from './project-config-file.js';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from '../files/read-file.js';
import { CliError } from './exit-codes.js';
import { expandPaths, projectRoot } from './expand-paths.js';

/** How the command-line paths are turned into files, as `check`, `compile` and `format` share it. */
export interface InputOptions {
    readonly cwd?: string;
    /** Leave out what `.gitignore` files leave out (`--no-gitignore` turns it off). */
    readonly gitignore?: boolean;
    /** `--ignore-pattern`: gitignore syntax, relative to the current folder. */
    readonly ignorePatterns?: readonly string[];
    /** `--no-error-on-unmatched-pattern`: a glob or folder without `.meso` files, or no file at all, is not an error. */
    readonly errorOnUnmatched?: boolean;
    /** `--max-file-size`, in bytes. */
    readonly maxBytes?: number;
}

/** The files to work on and the project folder, or a `CliError` (exit 2) for a path that matches nothing. */
export async function resolveInputs(paths: string[], options: InputOptions): Promise<{ files: string[]; root: string; config?: ProjectConfigFile }> {
    const cwd = options.cwd ?? process.cwd();
    const inputs = paths.length > 0 ? paths : ['.'];
    const root = await projectRoot(inputs, cwd);
    // The project's meso.config.json: its ignore patterns come before the command line's.
    const configFile = findProjectConfig(root);
    const config = configFile ? readProjectConfig(configFile, cwd) : undefined;
    const ignorePatterns = [...ignorePatternsOf(config, cwd), ...(options.ignorePatterns ?? [])];
    const { files, unmatched } = await expandPaths(inputs, { cwd, gitignore: options.gitignore, ignorePatterns });
    if (options.errorOnUnmatched ?? true) {
        // As ESLint does: a typo in a pattern must not pass CI by checking nothing.
        if (unmatched.length > 0) {
            throw new CliError(`no .meso files match ${unmatched.map(u => `'${u}'`).join(', ')} (nothing ignored by .gitignore or --ignore-pattern is searched); use --no-error-on-unmatched-pattern to allow it.`);
        }
    }
    return { files, root, config };
}

/**
 * `--stdin`: the text read from standard input, checked as the file `--stdin-filename`
 * (default `stdin.meso` in the current folder), which need not exist: its imports are
 * resolved beside it, and the project folder holds it. No paths may be given with it.
 */
export async function stdinInput(paths: string[], bytes: Uint8Array, filename: string | undefined, options: InputOptions): Promise<{ files: string[]; root: string; texts: Map<string, Uint8Array>; config?: ProjectConfigFile }> {
    if (paths.length > 0) throw new CliError('--stdin reads one text from standard input: give no paths with it (name it with --stdin-filename).');
    const cwd = options.cwd ?? process.cwd();
    const name = filename ?? 'stdin.meso';
    if (!name.endsWith('.meso')) throw new CliError(`--stdin-filename must name a .meso file (got '${name}').`);
    const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (bytes.length > max) throw new CliError(`standard input: it is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(max)} per file.`);
    const file = path.resolve(cwd, name);
    const root = await projectRoot([name], cwd);
    const configFile = findProjectConfig(root);
    return { files: [file], root, texts: new Map([[file, bytes]]), config: configFile ? readProjectConfig(configFile, cwd) : undefined };
}
