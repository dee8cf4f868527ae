import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './exit-codes.js';

/** What formatting one text gives: the formatted text, or why it cannot be formatted. */
export type FormatOutcome =
    | { readonly ok: true; readonly text: string }
    | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

/** The formatter bundle's API (src/formatting/format-entry.ts, bundled as out/format.cjs). */
export interface MesoFormatterApi {
    /** Formats a `.meso` text as the language server does; a text with a syntax error is not formatted. */
    formatText(text: string, fileName: string): Promise<FormatOutcome>;
}

/**
 * Loads the formatter: the server's, which lives with Langium's LSP layer, so it is a bundle
 * of its own (out/format.cjs) that `meso format` loads beside the CLI's; `meso check` and
 * `meso compile` never load it (docs/architecture.md: the CLI carries no LSP code).
 */
export function loadFormatter(): MesoFormatterApi {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // Beside the CLI bundle (out/), or from the sources (tests): the built bundle in out/.
    const candidates = [path.join(here, 'format.cjs'), path.join(here, '..', 'out', 'format.cjs'), path.join(here, '..', '..', 'out', 'format.cjs')];
    const bundle = candidates.find(c => existsSync(c));
    if (!bundle) throw new CliError(`meso format needs its formatter, format.cjs, beside the CLI (${candidates[0]}): install the meso package, or run 'npm run build' in a clone.`);
    return createRequire(import.meta.url)(bundle) as MesoFormatterApi;
}

/**
 * The language server's bundle (out/server.cjs), for `meso lsp`: beside the CLI bundle, or
 * out/ from the sources. Undefined when it is not there (the single-file CLI of pre-commit).
 */
export function serverBundle(): string | undefined {
    const here = path.dirname(fileURLToPath(import.meta.url));
    return [path.join(here, 'server.cjs'), path.join(here, '..', 'out', 'server.cjs'), path.join(here, '..', '..', 'out', 'server.cjs')].find(c => existsSync(c));
}
