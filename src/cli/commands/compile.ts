import * as path from 'node:path';
import { compileDocument } from '../../compiler/compile-document.js';
import type { CompileContext } from '../../compiler/compile-protocol.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { formatText } from '../formats/text.js';
import { resolveInputs, type InputOptions } from '../inputs.js';
import { loadWorkspace } from '../load-workspace.js';
import { collectProblems } from '../problems.js';
import { escapeControls, inertLines } from '../safe-output.js';
import { expectedOutputs, removeOutdatedOutputs } from '../outdated-outputs.js';
import { removeStaleTemporaries } from '../../files/temporaries.js';
import { writeAllAtomically } from '../../files/write-atomic.js';

export interface CompileOptions extends InputOptions {
    readonly output?: string;
    readonly outDir?: string;
    readonly stdout?: boolean;
    readonly write: (text: string) => void;
    readonly context: CompileContext;
}

/**
 * `meso compile`: each protocol to `<id>.json` and each patient plan to `<id>.plan.json`
 * (beside its source, in --out-dir, in -o FILE, or on stdout). A file with any error, or
 * importing one with an error, writes nothing, removes the previous outputs of the files
 * named (so none is left looking current) and exits 1.
 */
export async function compileCommand(inputs: string[], options: CompileOptions): Promise<ExitCode> {
    if ([options.output, options.outDir, options.stdout].filter(Boolean).length > 1) {
        throw new CliError('choose one of -o/--output, --out-dir and --stdout.');
    }
    const { files, root, config } = await resolveInputs(inputs, options);
    if (files.length === 0) throw new CliError(`no .meso files in ${inputs.join(', ')}.`);
    const { services, files: checked } = await loadWorkspace(files, { root, maxBytes: options.maxBytes, config });
    const report = collectProblems(checked, process.cwd(), true);
    const targetOf = (source: string, fileName: string) =>
        options.output ? path.resolve(options.output) : path.join(options.outDir ? path.resolve(options.outDir) : path.dirname(source), fileName);
    const requested = new Set(files);
    const candidates = options.stdout ? [] : checked.filter(f => requested.has(f.path))
        .flatMap(f => expectedOutputs(f.document, f.sourceText).map(expected => ({ path: targetOf(f.path, expected.fileName), expected })));
    // Whatever this run's outcome, what a killed run left in these folders goes (see the README).
    removeStaleTemporaries(candidates.map(c => path.dirname(c.path)));
    if (report.errors > 0) {
        options.write(formatText(report, false));
        // A failed run leaves none of its outputs behind looking current (see the README).
        for (const removed of await removeOutdatedOutputs(candidates)) {
            options.write(inertLines(`removed out-of-date ${escapeControls(path.relative(process.cwd(), removed) || removed)}\n`));
        }
        options.write('Nothing was written: fix the errors above first.\n');
        return ExitCode.Problems;
    }
    const byUri = new Map(checked.map(f => [f.document.uri.toString(), f.diagnostics]));
    const diagnosticsOf = (uri: string) => byUri.get(uri) ?? [];
    const outputs = checked.filter(f => requested.has(f.path))
        .flatMap(f => compileDocument(services, f.document, diagnosticsOf, options.context).map(o => ({ ...o, source: f.path })));
    if (outputs.length === 0) throw new CliError('no protocol or patient plan to compile.');
    if (options.stdout || options.output) {
        if (outputs.length > 1) {
            throw new CliError(`${outputs.length} documents to write (${outputs.map(o => o.id).join(', ')}): use --out-dir.`);
        }
        if (options.stdout) {
            options.write(outputs[0].text);
            return ExitCode.Ok;
        }
    }
    const targets = outputs.map(o => ({ path: targetOf(o.source, o.fileName), text: o.text }));
    // Compared as a case-insensitive, NFC file system would (macOS, Windows): 'P' and 'p' clash there.
    const key = (p: string) => p.normalize('NFC').toLowerCase();
    const firstOf = new Map<string, number>();
    const clash = targets.find((t, i) => firstOf.get(key(t.path)) !== undefined || (firstOf.set(key(t.path), i), false));
    if (clash) throw new CliError(`two documents would be written to ${clash.path}: protocol and patient names must be unique.`);
    await writeAllAtomically(targets);
    for (const t of targets) options.write(inertLines(`wrote ${escapeControls(path.relative(process.cwd(), t.path) || t.path)}\n`));
    return ExitCode.Ok;
}
