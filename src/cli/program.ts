import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { defaultCompileContext } from '../compiler/compile-document.js';
import { CHECK_FORMATS, checkCommand, type CheckFormat } from './commands/check.js';
import { formatCommand } from './commands/format.js';
import { lspCommand } from './commands/lsp.js';
import { useColor } from './color.js';
import { compileCommand } from './commands/compile.js';
import { explainCommand } from './commands/explain.js';
import { schemaCommand } from './commands/schema.js';
import { rulesCommand } from './commands/rules.js';
import { CliError, CliProblems, ExitCode } from './exit-codes.js';
import type { InputOptions } from './inputs.js';
import { escapeControls, escapeControlsInLines, inertLines } from './safe-output.js';
import { FileSystemError } from '../files/fs-errors.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, parseBytes } from '../files/read-file.js';
import { cliLocale } from './cli-locale.js';
import type { Locale } from '../language/i18n/locale.js';

export interface Io {
    readonly out: (s: string) => void;
    readonly err: (s: string) => void;
    /** Whether stdout is a terminal that shows colours. */
    readonly isTTY?: boolean;
    readonly env?: Record<string, string | undefined>;
    /** Reads standard input to its end, or to just past `maxBytes` (for `--stdin`). */
    readonly readStdin?: (maxBytes: number) => Promise<Uint8Array>;
    /** The script worker threads of `check --concurrency` run (the CLI's entry); none: one thread. */
    readonly workerScript?: string;
}

function wholeNumber(value: string): number {
    if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
    return Number(value);
}

function fileSize(value: string): number {
    const bytes = parseBytes(value);
    if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 10MB, 500kB or 20000000 (bytes).');
    return bytes;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function concurrency(value: string): string | number {
    if (value === 'auto' || value === 'off') return value;
    if (/^[1-9][0-9]*$/.test(value)) return Number(value);
    throw new InvalidArgumentError("expected 'auto', 'off' or a number of threads.");
}

/** The options every command that reads .meso files shares: which files, and how large. */
function withInputOptions(command: Command): Command {
    return command
        .option('--ignore-pattern <pattern>', 'leave out files and folders matching this gitignore-style pattern (relative to the current folder; repeatable)', collect, [])
        .option('--no-gitignore', 'search folders and globs without leaving out what .gitignore files ignore')
        .option('--no-error-on-unmatched-pattern', 'a glob or folder without .meso files (or no file at all) is not an error')
        .option('--max-file-size <size>', `refuse .meso files larger than this (default ${formatBytes(DEFAULT_MAX_FILE_BYTES)})`, fileSize);
}

interface InputFlags {
    ignorePattern: string[];
    gitignore: boolean;
    errorOnUnmatchedPattern: boolean;
    maxFileSize?: number;
}

const inputOptions = (opts: InputFlags): InputOptions => ({
    ignorePatterns: opts.ignorePattern, gitignore: opts.gitignore, errorOnUnmatched: opts.errorOnUnmatchedPattern, maxBytes: opts.maxFileSize
});

const EXIT_CODES_HELP = `
Exit codes:
  0  no errors (and warnings within --max-warnings)
  1  errors found, or more warnings than --max-warnings (format --check: files to reformat)
  2  bad usage, a missing or unreadable input, a pattern matching no file, an unwritable output, or an internal failure`;

/** Runs `meso` with the given arguments and returns the exit code; never throws. */
export async function runMeso(argv: string[], given: Io): Promise<ExitCode> {
    // Nothing on stderr can be read as a workflow command (see safe-output.ts).
    const io: Io = { ...given, err: s => given.err(inertLines(escapeControlsInLines(s))) };
    let exitCode: ExitCode = ExitCode.Ok;
    const env = io.env ?? process.env;
    let locale: Locale;
    try {
        locale = cliLocale(argv, env);
    } catch (e) {
        io.err(`meso: ${escapeControls((e as Error).message)}\n`);
        return ExitCode.Failure;
    }
    const program = new Command()
        .name('meso')
        .description('Check mesotherapy protocols (.meso files) against dose caps, combinations, depths and schedules,\nand compile them to JSON. A checking aid for clinicians, not a prescriber.')
        .version(pkg.version, '-v, --version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .option('--locale <locale>', 'the language of messages and help: en or it (default: LC_ALL, LC_MESSAGES, LANG, else en)')
        .showSuggestionAfterError()
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err })
        .addHelpText('after', EXIT_CODES_HELP);

    const stdin = async (opts: { stdin?: boolean; maxFileSize?: number }) => {
        if (!opts.stdin) return undefined;
        if (!io.readStdin) throw new CliError('--stdin: standard input cannot be read here.');
        return io.readStdin(opts.maxFileSize ?? DEFAULT_MAX_FILE_BYTES);
    };
    const colorFlag = (cmd: Command) => cmd.getOptionValueSource('color') === 'cli' ? cmd.getOptionValue('color') as boolean : undefined;

    withInputOptions(program.command('check'))
        .description('check .meso files, folders (searched recursively) and globs; the default is the current folder')
        .argument('[paths...]', 'files, folders or glob patterns (quote globs: meso expands them, ** recursive)', [])
        .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
        .option('-o, --output-file <file>', 'write the report to this file (atomically) instead of standard output')
        .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber)
        .option('-q, --quiet', 'report errors only')
        .option('--stdin', 'check the text read from standard input')
        .option('--stdin-filename <file>', 'the file name of the text read with --stdin (imports resolve beside it)')
        .option('--color', 'colours in text output even when it is not a terminal')
        .option('--no-color', 'no colours in text output (also when NO_COLOR is set and not empty)')
        .option('--cache', 'keep the results in a cache file and check again only the files that changed, or whose imports did')
        .option('--cache-location <path>', 'the cache file, or a folder to keep .mesocache in (default: .mesocache in the current folder)')
        .option('--concurrency <threads>', "threads to check on: 'auto' (one per core, at least 100 files each), 'off' (one) or a number", concurrency, 'auto')
        .addHelpText('after', `\nExamples:\n  meso check examples\n  meso check --cache --cache-location .cache/meso\n  meso check "protocols/**/*.meso" --format sarif -o meso.sarif\n  meso check --max-warnings 0\n  cat p.meso | meso check --stdin --stdin-filename protocols/p.meso${EXIT_CODES_HELP}`)
        .action(async (paths: string[], opts: InputFlags & { format: CheckFormat; maxWarnings?: number; quiet?: boolean; outputFile?: string; stdin?: boolean; stdinFilename?: string;
            cache?: boolean; cacheLocation?: string; concurrency: string | number }, cmd: Command) => {
            exitCode = await checkCommand(paths, {
                ...inputOptions(opts),
                cache: opts.cache, cacheLocation: opts.cacheLocation, concurrency: opts.concurrency, workerScript: io.workerScript,
                format: opts.format, maxWarnings: opts.maxWarnings, quiet: opts.quiet, version: pkg.version, outputFile: opts.outputFile,
                stdin: await stdin(opts), stdinFilename: opts.stdinFilename,
                color: useColor(colorFlag(cmd), env, !!io.isTTY && !opts.outputFile), write: io.out, locale
            });
        });

    withInputOptions(program.command('format'))
        .description('lay out .meso files as the editor\'s formatter does: print one file formatted, or --check, or --write')
        .argument('[paths...]', 'files, folders or glob patterns', [])
        .option('--check', 'list the files that are not formatted; exit 1 if there are any')
        .option('--write', 'rewrite the files that are not formatted')
        .option('--stdin', 'format the text read from standard input and print it')
        .option('--stdin-filename <file>', 'the file name of the text read with --stdin')
        .addHelpText('after', `\nExamples:\n  meso format --check .\n  meso format --write protocols\n  meso format examples/low-back-pain.meso${EXIT_CODES_HELP}`)
        .action(async (paths: string[], opts: InputFlags & { check?: boolean; write?: boolean; stdin?: boolean; stdinFilename?: string }) => {
            exitCode = await formatCommand(paths, {
                ...inputOptions(opts), check: opts.check, write: opts.write,
                stdin: await stdin(opts), stdinFilename: opts.stdinFilename, out: io.out, err: io.err
            });
        });

    withInputOptions(program.command('compile'))
        .description('compile each protocol to <id>.json and each patient plan to <id>.plan.json (beside the source by default);\na file with any error writes nothing')
        .argument('<files...>', 'files or folders to compile')
        .option('-o, --output <file>', 'write the single document to this file')
        .option('--out-dir <dir>', 'write the documents to this folder')
        .option('--stdout', 'print the single document')
        .addHelpText('after', `\nExamples:\n  meso compile examples/low-back-pain.meso --stdout\n  meso compile examples --out-dir out/json${EXIT_CODES_HELP}`)
        .action(async (files: string[], opts: InputFlags & { output?: string; outDir?: string; stdout?: boolean }) => {
            exitCode = await compileCommand(files, { ...inputOptions(opts), output: opts.output, outDir: opts.outDir, stdout: opts.stdout, write: io.out, context: defaultCompileContext });
        });

    withInputOptions(program.command('rules'))
        .description('print the rules in force for each protocol of a file (profile, limits, substances, interactions,\ncontraindications, configured severities) and where each comes from: std, profile, config, formulary, protocol')
        .argument('<file>', 'a .meso file')
        .addHelpText('after', `\nExamples:\n  meso rules protocols/low-back-pain.meso${EXIT_CODES_HELP}`)
        .action(async (file: string, opts: InputFlags) => {
            exitCode = await rulesCommand(file, { ...inputOptions(opts), write: io.out });
        });

    program.command('schema')
        .description('print the JSON Schema (draft 2020-12) of the compiled formats meso-protocol and meso-plan')
        .action(() => { exitCode = schemaCommand(io.out); });

    program.command('lsp')
        .description('run the language server on standard input and output (for Neovim, Helix, Emacs and other LSP editors)')
        .option('--stdio', 'use standard input and output (the default and only transport)')
        .action(() => { lspCommand(); });

    program.command('explain')
        .description('explain a diagnostic code: what it means, an example, how to fix or accept it; without a code, list them all')
        .argument('[code]', 'a diagnostic code such as overdose-session')
        .action((code?: string) => { exitCode = explainCommand(code, io.out); });

    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (e) {
        if (e instanceof CommanderError) {
            return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Failure;
        }
        if (e instanceof CliProblems) {
            io.err(`meso: ${e.lines.map(escapeControls).join('\n')}\n`);
            return e.exitCode;
        }
        if (e instanceof CliError) {
            io.err(`meso: ${escapeControls(e.message)}\n`);
            return e.exitCode;
        }
        if (e instanceof FileSystemError) {
            io.err(`meso: ${escapeControls(e.message)}\n`);
            return ExitCode.Failure;
        }
        io.err(`meso: internal error: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
        return ExitCode.Failure;
    }
}
