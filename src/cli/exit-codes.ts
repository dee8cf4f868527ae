/** Exit codes of `meso`, as ESLint's: documented in the README. */
export const ExitCode = {
    /** No errors (and warnings within --max-warnings). */
    Ok: 0,
    /** Errors found, or too many warnings. */
    Problems: 1,
    /** Bad usage, unreadable input, unwritable output, or an internal failure. */
    Failure: 2
} as const;

export type ExitCode = typeof ExitCode[keyof typeof ExitCode];

/** An error that ends the command with a message (no stack trace) and an exit code. */
export class CliError extends Error {
    constructor(message: string, readonly exitCode: ExitCode = ExitCode.Failure) {
        super(message);
    }
}

/** A `CliError` made of several diagnostic lines (a bad meso.config.json): each printed on its own line. */
export class CliProblems extends CliError {
    constructor(readonly lines: readonly string[]) {
        super(lines.join('; '));
    }
}
