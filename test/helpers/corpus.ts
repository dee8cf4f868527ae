import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

/** One `.meso` file of the repository, by path relative to the repository root. */
export interface SourceFile {
    readonly path: string;
    readonly text: string;
}

function mesoFiles(dir: string): string[] {
    return readdirSync(dir).sort().flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? mesoFiles(full) : f.endsWith('.meso') ? [full] : [];
    });
}

/** Every example and fixture, with the « » markers of expected diagnostics removed. */
export const corpus: SourceFile[] = [...mesoFiles(join(root, 'examples')), ...mesoFiles(join(root, 'test/fixtures'))]
    .map(f => ({ path: relative(root, f).split('\\').join('/'), text: readFileSync(f, 'utf8').replace(/[\u00AB\u00BB]/g, '') }));

function folderOf(path: string): string {
    return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * The corpus files some other file imports (formularies, the protocol a patient follows).
 * They stay loaded, so that a mutant placed beside its source resolves the same imports.
 */
export const importedFiles: SourceFile[] = corpus.filter(target => corpus.some(file =>
    [...file.text.matchAll(/^import\s+"([^"]+)"/gm)].some(m => {
        const parts = [...folderOf(file.path).split('/'), ...m[1].split('/')];
        const resolved: string[] = [];
        for (const p of parts) {
            if (p === '..') resolved.pop();
            else if (p !== '.' && p !== '') resolved.push(p);
        }
        return resolved.join('/') === target.path;
    })));

/** The folder a mutant of `file` is written to (so that its relative imports resolve). */
export function folder(file: SourceFile): string {
    return folderOf(file.path);
}
