import { Command, CommanderError } from 'commander';
import { checkCommand } from './commands/check.js';
import { CliError, ExitCode } from './exit-codes.js';

declare const MESO_VERSION: string;

/** Runs `meso` with the given arguments and returns the exit code; never throws. */
export async function runMeso(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<ExitCode> {
    let exitCode: ExitCode = ExitCode.Ok;
    const program = new Command()
        .name('meso')
        .description('Check mesotherapy protocols (.meso files) against dose limits and known hazards.')
        .version(typeof MESO_VERSION === 'string' ? MESO_VERSION : 'dev', '-v, --version')
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err });
    program.command('check')
        .description('Check .meso files and folders (searched recursively); exit 1 when any has errors.')
        .argument('[paths...]', 'files or folders to check', [])
        .action(async (paths: string[]) => {
            exitCode = await checkCommand(paths, { write: io.out });
        });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (e) {
        if (e instanceof CommanderError) {
            return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Failure;
        }
        if (e instanceof CliError) {
            io.err(`meso: ${e.message}\n`);
            return e.exitCode;
        }
        io.err(`meso: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        return ExitCode.Failure;
    }
}
