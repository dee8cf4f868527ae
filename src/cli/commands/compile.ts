import * as path from 'node:path';
import { AstUtils, type AstNode } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isPatient, isProtocol, type Model } from '../../language/generated/ast.js';
import type { MesoServices } from '../../language/meso-module.js';
import { compilePlan } from '../../compiler/compile-plan.js';
import { compileProtocol, type CompileContext } from '../../compiler/compile-protocol.js';
import type { Warning } from '../../compiler/meso-json.generated.js';
import { codeOf } from '../diagnostics.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { formatText } from '../formats/text.js';
import { expandPaths, loadWorkspace, type CheckedFile } from '../load-workspace.js';
import { collectProblems } from '../problems.js';
import { writeAllAtomically } from '../write-atomic.js';

export interface CompileOptions {
    readonly output?: string;
    readonly outDir?: string;
    readonly stdout?: boolean;
    readonly write: (text: string) => void;
    readonly context: CompileContext;
    readonly color?: boolean;
}

interface Output {
    readonly id: string;
    readonly source: string;
    readonly fileName: string;
    readonly text: string;
}

/** Warnings of a document that lie inside a node (a protocol or a patient). */
function warningsIn(node: AstNode, diagnostics: Diagnostic[]): Warning[] {
    const range = node.$cstNode?.range;
    if (!range) return [];
    return diagnostics
        .filter(d => d.severity === 2 && d.range.start.line >= range.start.line && d.range.end.line <= range.end.line)
        .map(d => ({ code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value, line: d.range.start.line + 1, column: d.range.start.character + 1 }));
}

function diagnosticsOf(node: AstNode, files: CheckedFile[]): Diagnostic[] {
    const uri = AstUtils.getDocument(node).uri.toString();
    return files.find(f => f.document.uri.toString() === uri)?.diagnostics ?? [];
}

/** Compiles every protocol and patient plan of the files; an error anywhere writes nothing. */
function compileAll(services: MesoServices, requested: CheckedFile[], all: CheckedFile[], context: CompileContext): Output[] {
    const semantics = services.semantics.Semantics;
    const outputs: Output[] = [];
    for (const file of requested) {
        const model = file.document.parseResult.value as Model;
        for (const element of model.elements) {
            if (isProtocol(element)) {
                const doc = compileProtocol(element, semantics.protocol(element), warningsIn(element, file.diagnostics), context);
                outputs.push({ id: element.name, source: file.path, fileName: `${element.name}.json`, text: JSON.stringify(doc, null, 2) + '\n' });
            } else if (isPatient(element)) {
                const ps = semantics.patient(element);
                if (!ps.protocol || !ps.start) continue;
                const warnings = [...warningsIn(element, file.diagnostics), ...warningsIn(ps.protocol, diagnosticsOf(ps.protocol, all))];
                const doc = compilePlan(element, ps, semantics.protocol(ps.protocol), warnings, context);
                outputs.push({ id: element.name, source: file.path, fileName: `${element.name}.plan.json`, text: JSON.stringify(doc, null, 2) + '\n' });
            }
        }
    }
    return outputs;
}

/**
 * `meso compile`: each protocol to `<id>.json` and each patient plan to `<id>.plan.json`
 * (beside its source, in --out-dir, in -o FILE, or on stdout). A file with any error, or
 * importing one with an error, writes nothing and exits 1.
 */
export async function compileCommand(inputs: string[], options: CompileOptions): Promise<ExitCode> {
    if ([options.output, options.outDir, options.stdout].filter(Boolean).length > 1) {
        throw new CliError('choose one of -o/--output, --out-dir and --stdout.');
    }
    const files = await expandPaths(inputs);
    if (files.length === 0) throw new CliError(`no .meso files in ${inputs.join(', ')}.`);
    const { services, files: checked } = await loadWorkspace(files);
    const report = collectProblems(checked, process.cwd(), true);
    if (report.errors > 0) {
        options.write(formatText(report, options.color ?? false));
        options.write('Nothing was written: fix the errors above first.\n');
        return ExitCode.Problems;
    }
    const requested = checked.filter(f => files.includes(f.path));
    const outputs = compileAll(services, requested, checked, options.context);
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
    const targets = outputs.map(o => ({
        path: options.output ? path.resolve(options.output) : path.join(options.outDir ? path.resolve(options.outDir) : path.dirname(o.source), o.fileName),
        text: o.text
    }));
    const clash = targets.find((t, i) => targets.findIndex(u => u.path === t.path) !== i);
    if (clash) throw new CliError(`two documents would be written to ${clash.path}: protocol and patient names must be unique.`);
    await writeAllAtomically(targets);
    for (const t of targets) options.write(`wrote ${path.relative(process.cwd(), t.path) || t.path}\n`);
    return ExitCode.Ok;
}
