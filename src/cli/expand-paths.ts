import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { fsReason } from '../files/fs-errors.js';
import { CliError } from './exit-codes.js';
import { IgnoreRules } from './ignore-rules.js';

export interface ExpandOptions {
    readonly cwd?: string;
    /** Leave out what `.gitignore` files leave out (default true). */
    readonly gitignore?: boolean;
    /** More patterns to leave out (gitignore syntax, relative to `cwd`). */
    readonly ignorePatterns?: readonly string[];
}

export interface Expansion {
    /** The `.meso` files found, absolute, sorted, each once. */
    readonly files: string[];
    /** The inputs (globs and folders) that gave no file. */
    readonly unmatched: string[];
}

/** Whether a command-line path is a glob pattern (`*`, `?`, `[…]`, `{…}`, `**`). */
export const isGlob = (input: string) => picomatch.scan(input).isGlob;

/**
 * Expands files, folders (recursively, following symbolic links) and glob patterns (`**`
 * recursive, expanded here, never by a shell) to `.meso` files. Folders and globs leave out
 * what git ignores (`.gitignore`), `--ignore-pattern` matches, `node_modules` and names starting
 * with a dot; a file named on the command line is always taken unless `--ignore-pattern`
 * matches it. A missing file or folder is a `CliError`; what a glob or a folder does not match
 * is listed in `unmatched`. Where a file's real path may lead is checked when it is read.
 */
export async function expandPaths(inputs: string[], options: ExpandOptions = {}): Promise<Expansion> {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const rules = new IgnoreRules(cwd, await projectRoot(inputs, cwd), { gitignore: options.gitignore ?? true, patterns: options.ignorePatterns ?? [] });
    const found = new Set<string>();
    const unmatched: string[] = [];
    for (const input of inputs) {
        const before = found.size;
        let matched: string[];
        if (isGlob(input)) {
            matched = expandGlob(input, cwd, rules);
        } else {
            const abs = path.resolve(cwd, input);
            let isFolder: boolean;
            try {
                isFolder = statSync(abs).isDirectory();
            } catch (e) {
                // A dangling symbolic link is named: the read says where it points.
                if ((e as NodeJS.ErrnoException).code === 'ENOENT' && isLink(abs)) isFolder = false;
                else throw new CliError(`${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : fsReason(e)}.`);
            }
            matched = isFolder ? walk(abs, rules) : rules.matchesPattern(abs) ? [] : [abs];
        }
        matched.forEach(m => found.add(m));
        if (found.size === before && matched.length === 0) unmatched.push(input);
    }
    return { files: [...found].sort(), unmatched };
}

function isLink(p: string): boolean {
    try {
        return lstatSync(p).isSymbolicLink();
    } catch {
        return false;
    }
}

/**
 * The `.meso` files a glob matches: the folder before its first wildcard is walked as a folder
 * argument is (what git ignores is not entered) and each file's path below it is matched with
 * picomatch, so `**` is recursive whatever the shell, and the result is the same on every OS.
 */
function expandGlob(input: string, cwd: string, rules: IgnoreRules): string[] {
    const scan = picomatch.scan(input);
    const base = path.resolve(cwd, scan.base || '.');
    let isFolder = false;
    try {
        isFolder = statSync(base).isDirectory();
    } catch {
        // No such folder: the glob matches nothing.
    }
    if (!isFolder) return [];
    const isMatch = picomatch(scan.glob, { dot: false });
    return walk(base, rules).filter(f => isMatch(path.relative(base, f).split(path.sep).join('/')));
}

/**
 * The `.meso` files under a folder. Symbolic links are followed (to files and folders; a
 * folder already visited through another link is not walked again, so a link loop ends);
 * FIFOs, sockets and devices named `.meso` are listed too, so that reading them refuses them
 * in words instead of their being skipped without a word.
 */
function walk(dir: string, rules: IgnoreRules, visited = new Set<string>()): string[] {
    let real: string;
    try {
        real = realpathSync(dir);
    } catch (e) {
        throw new CliError(`cannot search the folder ${dir}: ${fsReason(e)}.`);
    }
    if (visited.has(real)) return [];
    visited.add(real);
    let entries: Dirent[];
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
        throw new CliError(`cannot search the folder ${dir}: ${fsReason(e)}.`);
    }
    const result: string[] = [];
    for (const e of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const full = path.join(dir, e.name);
        let isFolder = e.isDirectory();
        if (e.isSymbolicLink()) {
            try {
                isFolder = statSync(full).isDirectory();
            } catch {
                isFolder = false;
            }
        }
        if (isFolder) {
            if (!rules.ignores(full, true)) result.push(...walk(full, rules, visited));
        } else if (e.name.endsWith('.meso') && !rules.ignores(full)) {
            result.push(full);
        }
    }
    return result;
}

/**
 * The project folder imports must stay in: the deepest folder that holds the current
 * folder and every path given (a glob counts from its part before the first wildcard).
 * So `meso check protocols` run at a repository's root confines imports to the repository.
 */
export async function projectRoot(inputs: string[], cwd = process.cwd()): Promise<string> {
    const folders = [path.resolve(cwd)];
    for (const input of inputs) {
        if (isGlob(input)) {
            folders.push(path.resolve(cwd, picomatch.scan(input).base || '.'));
            continue;
        }
        const abs = path.resolve(cwd, input);
        let isFolder = false;
        try {
            isFolder = statSync(abs).isDirectory();
        } catch {
            // A missing path is reported by expandPaths.
        }
        folders.push(isFolder ? abs : path.dirname(abs));
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

