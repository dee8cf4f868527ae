import { createRequire } from 'node:module';
import { CliError } from '../exit-codes.js';
import { serverBundle } from '../formatter-api.js';

/**
 * `meso lsp`: runs the language server on stdin/stdout, for editors that start a command
 * (Neovim, Helix, Emacs): the same server as `node out/server.cjs --stdio`, loaded from its
 * bundle beside the CLI's. It serves until the client says `exit`.
 */
export function lspCommand(): void {
    const server = serverBundle();
    if (!server) throw new CliError('meso lsp needs the language server bundle, server.cjs, beside the CLI: install the meso package, or run \'npm run build\' in a clone.');
    // vscode-languageserver picks its transport from the command line.
    if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
    createRequire(import.meta.url)(server);
}
