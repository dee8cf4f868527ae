import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { settingsOf, type ProjectConfigFile } from './project-config-file.js';
import { declaredProfiles } from '../language/semantics/profiles.js';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { decodeMesoText } from '../language/workspace/decode-text.js';
import { isModel } from '../language/generated/ast.js';
import { createMesoCoreServices, type MesoServices } from '../language/meso-module.js';
import { resolveImportUri } from '../language/scoping/imports.js';
import { addStdDocuments } from '../language/std/std-library.js';
import { readRegularFile, realProjectRoots } from '../files/read-file.js';
import { CliError } from './exit-codes.js';
import type { Locale } from '../language/i18n/locale.js';
import { projectRoot } from './expand-paths.js';

/** A checked file and its diagnostics. */
export interface CheckedFile {
    readonly path: string;
    readonly document: LangiumDocument;
    readonly diagnostics: Diagnostic[];
    /** The file's text as read: what was parsed, or for a file that is not text, a lenient decoding. */
    readonly sourceText: string;
    /** SHA-256 (hex) of the bytes checked. */
    readonly hash: string;
    /**
     * The files it imports that were looked for (not refused), and what was found there; the
     * project configuration's formularies count as imported by every file (it sees them).
     */
    readonly imports: ImportState[];
}

/** An imported file as it was found: its bytes' SHA-256, or why it was not loaded (`ENOENT` or a reason). */
export type ImportState = { readonly path: string; readonly hash: string } | { readonly path: string; readonly missing: string };

export interface LoadedWorkspace {
    readonly services: MesoServices;
    /** The requested files and everything they import, in a stable (path) order. */
    readonly files: CheckedFile[];
}

export interface LoadOptions {
    /** The project folder imports must stay in (default: the project folder of the files). */
    readonly root?: string;
    /** The size limit of one file, in bytes (default `DEFAULT_MAX_FILE_BYTES`). */
    readonly maxBytes?: number;
    /** Texts to check instead of what is on disk (`--stdin`), by absolute path. */
    readonly texts?: ReadonlyMap<string, Uint8Array>;
    /** The language of the diagnostics' messages (default English). */
    readonly locale?: Locale;
    /** The project's meso.config.json, read and checked (its formularies are loaded, its settings applied). */
    readonly config?: ProjectConfigFile;
}

/**
 * Loads the files, every file they import (transitively) and the std library, builds and
 * validates them all. Every file is read through `readRegularFile`: regular files only, inside
 * the project folder once symbolic links are followed, within the size limit. A requested file
 * that cannot be read is a `CliError` naming it and the reason; an import that cannot be read,
 * or one outside the project folder or not naming a `.meso` file, is reported as
 * `import-unresolved` on the import line by validation. A file that is not UTF-8 text (binary,
 * NUL bytes, another encoding) is checked as empty and carries one `not-text` error at its
 * first bad byte; a byte order mark is dropped.
 */
export async function loadWorkspace(files: string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const { shared, Meso } = createMesoCoreServices(NodeFileSystem);
    Meso.i18n.Locale.setClient(options.locale);
    const imports = Meso.scoping.Imports;
    const root = options.root ?? await projectRoot(files);
    imports.setProjectRoots([URI.file(root)]);
    const roots = realProjectRoots([root]);
    const std = addStdDocuments(shared);
    const documents = shared.workspace.LangiumDocuments;
    const loaded: LangiumDocument[] = [];
    const lenient = new Map<string, string>();
    const hashes = new Map<string, string>();
    const importTargets = new Map<string, string[]>();
    const formularies = options.config ? options.config.parsed.formularies.map(f => URI.file(path.resolve(options.config!.folder, f))) : [];
    const queue = [...files.map(f => URI.file(f)), ...formularies];
    const requested = new Set(queue.map(u => u.toString()));
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (documents.hasDocument(uri)) continue;
        const given = options.texts?.get(uri.fsPath);
        let bytes: Uint8Array;
        if (given !== undefined) {
            bytes = given;
        } else {
            const read = readRegularFile(uri.fsPath, { roots, maxBytes: options.maxBytes });
            if (!read.ok) {
                if (requested.has(uri.toString())) throw new CliError(`${uri.fsPath}: cannot read the file: ${read.reason}${/^E[A-Z]+$/.test(read.code) ? ` (${read.code})` : ''}.`);
                // A missing file keeps the plain "no such file" message; other failures say why.
                if (read.code !== 'ENOENT') imports.setLoadFailure(uri, read.reason);
                continue;
            }
            bytes = read.bytes;
        }
        hashes.set(uri.toString(), createHash('sha256').update(bytes).digest('hex'));
        const decoded = decodeMesoText(bytes);
        Meso.workspace.TextRefusals.record(uri, decoded);
        if (!decoded.ok) lenient.set(uri.toString(), new TextDecoder('utf-8').decode(bytes));
        const document = shared.workspace.LangiumDocumentFactory.fromString(decoded.ok ? decoded.text : '', uri);
        documents.addDocument(document);
        loaded.push(document);
        const root = document.parseResult.value;
        const targets: string[] = [];
        if (isModel(root)) {
            for (const imp of root.imports) {
                const target = resolveImportUri(imp);
                // A refused import is never read; validation says why on the import line.
                if (target && target.scheme === 'file' && !imports.refusal(target)) {
                    queue.push(target);
                    targets.push(target.toString());
                }
            }
        }
        importTargets.set(uri.toString(), targets);
    }
    if (options.config) {
        const cwd = process.cwd();
        const declared = declaredProfiles([...std, ...loaded]);
        Meso.workspace.ProjectSettings.set(URI.file(options.config.folder), settingsOf(options.config, declared, cwd));
    }
    await shared.workspace.DocumentBuilder.build([...std, ...loaded], { validation: true });
    const checked = loaded
        .map(document => {
            const sourceText = lenient.get(document.uri.toString()) ?? document.textDocument.getText();
            const key = document.uri.toString();
            const seen = [...(importTargets.get(key) ?? []), ...formularies.map(f => f.toString()).filter(f => f !== key)];
            const states = [...new Set(seen)].map((target): ImportState => {
                const hash = hashes.get(target);
                const path = URI.parse(target).fsPath;
                return hash ? { path, hash } : { path, missing: imports.loadFailure(URI.parse(target)) ?? 'ENOENT' };
            });
            return { path: document.uri.fsPath, document, diagnostics: document.diagnostics ?? [], sourceText, hash: hashes.get(key)!, imports: states };
        })
        .sort((a, b) => a.path.localeCompare(b.path));
    return { services: Meso, files: checked };
}
