import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { glob, isDynamicPattern } from 'tinyglobby';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from '../language/validation/issue-codes.js';
import { decodeMesoText } from '../language/workspace/decode-text.js';
import { isModel } from '../language/generated/ast.js';
import { createMesoServices, type MesoServices } from '../language/meso-module.js';
import { resolveImportUri } from '../language/scoping/imports.js';
import { addStdDocuments } from '../language/std/std-library.js';
import { CliError } from './exit-codes.js';

/** A checked file and its diagnostics. */
export interface CheckedFile {
    readonly path: string;
    readonly document: LangiumDocument;
    readonly diagnostics: Diagnostic[];
}

export interface LoadedWorkspace {
    readonly services: MesoServices;
    /** The requested files and everything they import, in a stable (path) order. */
    readonly files: CheckedFile[];
}

/**
 * Expands files, folders (recursively) and glob patterns to `.meso` files. A missing file or
 * folder is an error; a glob that matches nothing is not.
 */
export async function expandPaths(inputs: string[], cwd = process.cwd()): Promise<string[]> {
    const found = new Set<string>();
    for (const input of inputs) {
        if (isDynamicPattern(input)) {
            const matches = await glob(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
            matches.filter(m => m.endsWith('.meso')).forEach(m => found.add(path.resolve(m)));
            continue;
        }
        const abs = path.resolve(cwd, input);
        const stat = await fs.stat(abs).catch(() => undefined);
        if (!stat) throw new CliError(`${input}: no such file or folder.`);
        if (stat.isDirectory()) {
            for (const f of await walk(abs)) found.add(f);
        } else {
            found.add(abs);
        }
    }
    return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const result: string[] = [];
    for (const e of entries) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) result.push(...await walk(full));
        else if (e.isFile() && e.name.endsWith('.meso')) result.push(full);
    }
    return result;
}

/** A diagnostic for a file whose bytes are not UTF-8 text (it is loaded as an empty document). */
function notTextDiagnostic(message: string, line: number, character: number): Diagnostic {
    return {
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: 1, source: 'meso', code: IssueCodes.NotText, message, data: { code: IssueCodes.NotText }
    };
}

/**
 * Loads the files, every file they import (transitively) and the std library, builds and
 * validates them all. An unreadable requested file is an error; an unreadable import is
 * reported as `import-unresolved` on the import line by validation. A file that is not
 * UTF-8 text (binary, NUL bytes, another encoding) is checked as empty and carries one
 * `not-text` error at its first bad byte; a byte order mark is dropped.
 */
export async function loadWorkspace(files: string[]): Promise<LoadedWorkspace> {
    const { shared, Meso } = createMesoServices(NodeFileSystem);
    const std = addStdDocuments(shared);
    const documents = shared.workspace.LangiumDocuments;
    const loaded: LangiumDocument[] = [];
    const notText = new Map<string, Diagnostic>();
    const queue = files.map(f => URI.file(f));
    const requested = new Set(queue.map(u => u.toString()));
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (documents.hasDocument(uri)) continue;
        let bytes: Uint8Array;
        try {
            bytes = await fs.readFile(uri.fsPath);
        } catch (e) {
            if (requested.has(uri.toString())) throw new CliError(`${uri.fsPath}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
            continue;
        }
        const decoded = decodeMesoText(bytes);
        if (!decoded.ok) notText.set(uri.toString(), notTextDiagnostic(decoded.message, decoded.line, decoded.character));
        const document = shared.workspace.LangiumDocumentFactory.fromString(decoded.ok ? decoded.text : '', uri);
        documents.addDocument(document);
        loaded.push(document);
        const root = document.parseResult.value;
        if (isModel(root)) {
            for (const imp of root.imports) {
                const target = resolveImportUri(imp);
                if (target && target.scheme === 'file') queue.push(target);
            }
        }
    }
    await shared.workspace.DocumentBuilder.build([...std, ...loaded], { validation: true });
    const checked = loaded
        .map(document => {
            const bad = notText.get(document.uri.toString());
            return { path: document.uri.fsPath, document, diagnostics: bad ? [bad] : document.diagnostics ?? [] };
        })
        .sort((a, b) => a.path.localeCompare(b.path));
    return { services: Meso, files: checked };
}
