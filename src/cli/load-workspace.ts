import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { glob, isDynamicPattern } from 'tinyglobby';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
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
    /** The file's text as read: what was parsed, or for a file that is not text, a lenient decoding. */
    readonly sourceText: string;
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

/**
 * The project folder imports must stay in: the deepest folder that holds the current
 * folder and every path given (a glob counts from its part before the first wildcard).
 * So `meso check protocols` run at a repository's root confines imports to the repository.
 */
export async function projectRoot(inputs: string[], cwd = process.cwd()): Promise<string> {
    const folders = [path.resolve(cwd)];
    for (const input of inputs) {
        if (isDynamicPattern(input)) {
            const parts = input.split(/[\\/]/);
            const fixed = parts.slice(0, parts.findIndex(p => isDynamicPattern(p))).join('/');
            folders.push(path.resolve(cwd, fixed || '.'));
            continue;
        }
        const abs = path.resolve(cwd, input);
        const stat = await fs.stat(abs).catch(() => undefined);
        folders.push(stat?.isDirectory() ? abs : path.dirname(abs));
    }
    return folders.reduce(commonFolder);
}

function commonFolder(a: string, b: string): string {
    const as = a.split(path.sep);
    const bs = b.split(path.sep);
    let i = 0;
    while (i < as.length && i < bs.length && as[i] === bs[i]) i++;
    return as.slice(0, i).join(path.sep) || path.parse(a).root;
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

/** Plain words for the read errors a user can fix. */
const READ_ERRORS: Record<string, string | undefined> = { EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOENT: 'no such file' };

/**
 * Loads the files, every file they import (transitively) and the std library, builds and
 * validates them all. An unreadable requested file is an error; an unreadable import, or
 * one outside `root` (by default the project folder of the files) or not naming a `.meso`
 * file, is reported as `import-unresolved` on the import line by validation. A file that is not
 * UTF-8 text (binary, NUL bytes, another encoding) is checked as empty and carries one
 * `not-text` error at its first bad byte; a byte order mark is dropped.
 */
export async function loadWorkspace(files: string[], root?: string): Promise<LoadedWorkspace> {
    const { shared, Meso } = createMesoServices(NodeFileSystem);
    const imports = Meso.scoping.Imports;
    imports.setProjectRoots([URI.file(root ?? await projectRoot(files))]);
    const std = addStdDocuments(shared);
    const documents = shared.workspace.LangiumDocuments;
    const loaded: LangiumDocument[] = [];
    const lenient = new Map<string, string>();
    const queue = files.map(f => URI.file(f));
    const requested = new Set(queue.map(u => u.toString()));
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (documents.hasDocument(uri)) continue;
        let bytes: Uint8Array;
        try {
            // Read synchronously: one awaited read per file left the process idle for about
            // 0.2 s per 1,000 files, waiting on the thread pool (BENCHMARKS.md, fourth round).
            bytes = readFileSync(uri.fsPath);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (requested.has(uri.toString())) throw new CliError(`${uri.fsPath}: cannot read the file (${READ_ERRORS[code ?? ''] ?? code ?? 'error'}).`);
            // A missing file keeps the plain "no such file" message; other failures say why.
            if (code !== 'ENOENT') imports.setLoadFailure(uri, READ_ERRORS[code ?? ''] ?? code ?? 'error');
            continue;
        }
        const decoded = decodeMesoText(bytes);
        Meso.workspace.TextRefusals.record(uri, decoded);
        if (!decoded.ok) lenient.set(uri.toString(), new TextDecoder('utf-8').decode(bytes));
        const document = shared.workspace.LangiumDocumentFactory.fromString(decoded.ok ? decoded.text : '', uri);
        documents.addDocument(document);
        loaded.push(document);
        const root = document.parseResult.value;
        if (isModel(root)) {
            for (const imp of root.imports) {
                const target = resolveImportUri(imp);
                // A refused import is never read; validation says why on the import line.
                if (target && target.scheme === 'file' && !imports.refusal(target)) queue.push(target);
            }
        }
    }
    await shared.workspace.DocumentBuilder.build([...std, ...loaded], { validation: true });
    const checked = loaded
        .map(document => {
            const sourceText = lenient.get(document.uri.toString()) ?? document.textDocument.getText();
            return { path: document.uri.fsPath, document, diagnostics: document.diagnostics ?? [], sourceText };
        })
        .sort((a, b) => a.path.localeCompare(b.path));
    return { services: Meso, files: checked };
}
