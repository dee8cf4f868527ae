import * as path from 'node:path';
import { readRegularFile, realProjectRoots } from '../../files/read-file.js';
import { writeAllAtomically } from '../../files/write-atomic.js';
import { decodeMesoText } from '../../language/workspace/decode-text.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { loadFormatter } from '../formatter-api.js';
import { resolveInputs, stdinInput, type InputOptions } from '../inputs.js';
import { escapeControls, inertLines } from '../safe-output.js';

export interface FormatOptions extends InputOptions {
    /** List the files that are not formatted and exit 1 if there are any; write nothing. */
    readonly check?: boolean;
    /** Rewrite the files that are not formatted (atomically). */
    readonly write?: boolean;
    /** `--stdin`: format this text, named `stdinFilename`, and print it (or check it). */
    readonly stdin?: Uint8Array;
    readonly stdinFilename?: string;
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * `meso format`: lays out `.meso` files as the language server's formatter does. Without a
 * flag it prints the formatted text of one file (or of standard input); `--check` lists the
 * files it would change and exits 1 if there are any; `--write` rewrites them (atomically, at
 * their real path, so a symbolic link stays one). A file with a syntax error, not UTF-8 text,
 * or unreadable is not formatted: one line on stderr, exit 2. Formatting changes only layout:
 * a formatted file compiles to the same JSON (tested on every example).
 */
export async function formatCommand(paths: string[], options: FormatOptions): Promise<ExitCode> {
    if (options.check && options.write) throw new CliError('choose one of --check and --write.');
    const cwd = options.cwd ?? process.cwd();
    const formatter = loadFormatter();
    const show = (file: string) => escapeControls(path.relative(cwd, file).split(path.sep).join('/') || file);

    if (options.stdin) {
        if (options.write) throw new CliError('--write cannot write standard input: use --check, or no flag to print the formatted text.');
        const { files, texts } = await stdinInput(paths, options.stdin, options.stdinFilename, { ...options, cwd });
        const decoded = decodeMesoText(texts.get(files[0])!);
        if (!decoded.ok) throw new CliError(`${show(files[0])}: cannot be formatted: ${decoded.message}`);
        const result = await formatter.formatText(decoded.text, files[0]);
        if (!result.ok) throw new CliError(`${show(files[0])}:${result.line}:${result.column}: cannot be formatted: syntax error: ${escapeControls(result.message)}`);
        if (!options.check) {
            options.out(result.text);
            return ExitCode.Ok;
        }
        if (result.text === decoded.text) return ExitCode.Ok;
        options.out(inertLines(`Would reformat: ${show(files[0])}\n`));
        return ExitCode.Problems;
    }

    const { files, root } = await resolveInputs(paths, { ...options, cwd });
    if (!options.check && !options.write && files.length !== 1) {
        throw new CliError(`${files.length} files to format: without --check or --write, meso format prints one file's formatted text.`);
    }
    const roots = realProjectRoots([root]);
    const changed: Array<{ file: string; path: string; text: string }> = [];
    let failed = 0;
    let unchanged = 0;
    for (const file of files) {
        const read = readRegularFile(file, { roots, maxBytes: options.maxBytes });
        if (!read.ok) {
            options.err(`meso: ${show(file)}: cannot read the file: ${read.reason}${/^E[A-Z]+$/.test(read.code) ? ` (${read.code})` : ''}.\n`);
            failed++;
            continue;
        }
        const decoded = decodeMesoText(read.bytes);
        if (!decoded.ok) {
            options.err(`meso: ${show(file)}:${decoded.line + 1}:${decoded.character + 1}: cannot be formatted: ${decoded.message}\n`);
            failed++;
            continue;
        }
        const result = await formatter.formatText(decoded.text, file);
        if (!result.ok) {
            options.err(`meso: ${show(file)}:${result.line}:${result.column}: cannot be formatted: syntax error: ${escapeControls(result.message)}\n`);
            failed++;
            continue;
        }
        if (!options.check && !options.write) {
            options.out(result.text);
            return ExitCode.Ok;
        }
        if (result.text === decoded.text) unchanged++;
        else changed.push({ file, path: read.realPath, text: result.text });
    }
    if (options.write && changed.length > 0) await writeAllAtomically(changed.map(c => ({ path: c.path, text: c.text })));
    const lines = changed.map(c => `${options.check ? 'Would reformat' : 'Formatted'}: ${show(c.file)}`);
    const summary = [
        changed.length > 0 ? `${plural(changed.length, 'file')} ${options.check ? 'would be reformatted' : 'reformatted'}` : '',
        unchanged > 0 ? `${plural(unchanged, 'file')} already formatted` : '',
        failed > 0 ? `${plural(failed, 'file')} not formatted (errors above)` : ''
    ].filter(Boolean).join(', ');
    options.out(inertLines([...lines, `${summary || 'No files formatted'}.`].join('\n')) + '\n');
    if (failed > 0) return ExitCode.Failure;
    return options.check && changed.length > 0 ? ExitCode.Problems : ExitCode.Ok;
}
