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
export async function resolveInputs(paths: string[], options: InputOptions): Promise<{ files: string[]; root: string }> {
    const cwd = options.cwd ?? process.cwd();
    const inputs = paths.length > 0 ? paths : ['.'];
    const { files, unmatched } = await expandPaths(inputs, { cwd, gitignore: options.gitignore, ignorePatterns: options.ignorePatterns });
    if (options.errorOnUnmatched ?? true) {
        // As ESLint does: a typo in a pattern must not pass CI by checking nothing.
        if (unmatched.length > 0) {
            throw new CliError(`no .meso files match ${unmatched.map(u => `'${u}'`).join(', ')} (nothing ignored by .gitignore or --ignore-pattern is searched); use --no-error-on-unmatched-pattern to allow it.`);
        }
    }
    return { files, root: await projectRoot(inputs, cwd) };
}
