import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { repositoryRoot } from '../config/find-project-config.js';
import { readRegularFile } from '../files/read-file.js';


const posix = (p: string) => p.split(path.sep).join('/');

/**
 * What a search of folders and globs leaves out, as git does: the `.gitignore` files of the
 * repository (from its root down to each file's folder; the deepest rule wins, and nothing is
 * taken from a folder that is itself ignored), `.git/info/exclude`, and the `--ignore-pattern`
 * patterns (gitignore syntax, relative to the current folder), which come last and so win.
 * Outside a repository, the `.gitignore` files from `base` down count.
 */
export class IgnoreRules {
    private readonly base: string;
    private readonly byFolder = new Map<string, Ignore | undefined>();
    private readonly ignoredFolders = new Map<string, boolean>();
    private readonly patterns: Ignore | undefined;
    private readonly gitignore: boolean;
    private readonly exclude: Ignore | undefined;

    constructor(private readonly cwd: string, base: string, options: { gitignore: boolean; patterns: readonly string[] }) {
        const repo = options.gitignore ? repositoryRoot(base) : undefined;
        this.base = repo ?? path.resolve(base);
        this.gitignore = options.gitignore;
        this.patterns = options.patterns.length > 0 ? ignore().add(options.patterns) : undefined;
        this.exclude = repo && options.gitignore ? this.load(path.join(repo, '.git', 'info', 'exclude')) : undefined;
    }

    /** Rules of one ignore file, or undefined when there is none (or it cannot be read). */
    private load(file: string): Ignore | undefined {
        const read = readRegularFile(file, { maxBytes: 1_000_000 });
        return read.ok ? ignore().add(read.bytes.toString('utf8')) : undefined;
    }

    private rulesOf(folder: string): Ignore | undefined {
        if (!this.byFolder.has(folder)) this.byFolder.set(folder, this.gitignore ? this.load(path.join(folder, '.gitignore')) : undefined);
        return this.byFolder.get(folder);
    }

    /** Whether the `--ignore-pattern` patterns leave this path out (files named on the command line too). */
    matchesPattern(file: string, isFolder = false): boolean {
        const rel = posix(path.relative(this.cwd, file));
        if (!this.patterns || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
        return this.patterns.ignores(isFolder ? `${rel}/` : rel);
    }

    /** Whether git (and the patterns) would leave this file or folder out. */
    ignores(file: string, isFolder = false): boolean {
        if (this.matchesPattern(file, isFolder)) return true;
        const abs = path.resolve(file);
        const parent = path.dirname(abs);
        if (parent !== abs && this.isInsideBase(parent) && parent !== this.base && this.folderIgnored(parent)) return true;
        return this.gitRules(abs, isFolder);
    }

    private isInsideBase(p: string): boolean {
        const rel = path.relative(this.base, p);
        return !rel.startsWith('..') && !path.isAbsolute(rel);
    }

    /** A folder is ignored when git ignores it or any folder above it (up to the base). */
    private folderIgnored(folder: string): boolean {
        const known = this.ignoredFolders.get(folder);
        if (known !== undefined) return known;
        const parent = path.dirname(folder);
        const ignored = (parent !== this.base && this.isInsideBase(parent) && this.folderIgnored(parent))
            || this.matchesPattern(folder, true) || this.gitRules(folder, true);
        this.ignoredFolders.set(folder, ignored);
        return ignored;
    }

    /** The verdict of the ignore files alone: the deepest folder whose rules decide wins. */
    private gitRules(abs: string, isFolder: boolean): boolean {
        if (!this.gitignore || !this.isInsideBase(abs) || abs === this.base) return false;
        const suffix = isFolder ? '/' : '';
        let ignored = this.exclude?.ignores(posix(path.relative(this.base, abs)) + suffix) ?? false;
        for (let dir = this.base; ; ) {
            const rules = this.rulesOf(dir);
            if (rules) {
                const verdict = rules.test(posix(path.relative(dir, abs)) + suffix);
                if (verdict.ignored) ignored = true;
                else if (verdict.unignored) ignored = false;
            }
            const rel = path.relative(dir, path.dirname(abs));
            if (rel === '') break;
            dir = path.join(dir, rel.split(path.sep)[0]);
        }
        return ignored;
    }
}
