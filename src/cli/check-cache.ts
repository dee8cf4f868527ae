import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile, realProjectRoots } from '../files/read-file.js';
import { writeAllAtomically } from '../files/write-atomic.js';
import { stdFiles } from '../language/std/std-files.generated.js';
import type { CheckedResult } from './check-files.js';
import type { ImportState } from './load-workspace.js';
import type { ProjectConfigFile } from './project-config-file.js';
import type { FileProblem } from './problems.js';

/**
 * The results cache of `meso check --cache`: per file, the SHA-256 of its bytes, the files it
 * imports as they were found (their hashes, or why they were missing) and its problems. A
 * file's problems depend only on it, what it imports (transitively), std, the project
 * configuration, the project folder, the size limit, the language of the messages and meso's
 * version: the last six make the cache's key (the configuration's settings; its formularies
 * are imports of every file, so each entry records their hashes), and a file's entry is used only when the file and every file it reaches
 * through its imports still hash as recorded. Anything else (another key, a damaged,
 * truncated or foreign file) is ignored and the cache rewritten; an entry is never trusted
 * on its word.
 *
 * The file: a first line `meso-check-cache 1 <SHA-256 of the rest>`, then JSON.
 */
const MAGIC = 'meso-check-cache 1';

/** The default cache file, in the current folder (or in the folder `--cache-location` names). */
export const DEFAULT_CACHE_FILE = '.mesocache';

interface Entry {
    readonly hash: string;
    readonly imports: readonly ImportState[];
    readonly problems: readonly FileProblem[];
}

/** What besides the files a check's results depend on. */
export interface CacheContext {
    readonly version: string;
    /** The project folder (imports must stay in it). */
    readonly root: string;
    readonly maxBytes?: number;
    /** The language of the messages. */
    readonly locale: string;
    /** The files to check (their folders and those above them may hold a configuration). */
    readonly files: readonly string[];
    /** The project configuration applied (found up to the repository's root): its settings are in the key. */
    readonly config?: ProjectConfigFile;
}

/**
 * The project configurations that may apply: every `meso.config.json` in the folders of the
 * files and above them, up to the project folder, by path and content.
 */
function configHash(files: readonly string[], root: string): string {
    const seen = new Map<string, string | undefined>();
    for (const file of files) {
        for (let dir = path.dirname(file); !seen.has(dir); dir = path.dirname(dir)) {
            let text: string | undefined;
            try {
                text = createHash('sha256').update(readFileSync(path.join(dir, 'meso.config.json'))).digest('hex');
            } catch {
                text = undefined;
            }
            seen.set(dir, text);
            if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) break;
        }
    }
    return JSON.stringify([...seen].filter(([, h]) => h !== undefined).sort());
}

function keyOf(context: CacheContext): string {
    const std = createHash('sha256');
    for (const file of stdFiles) std.update(`${file.path}\u0000${file.text}\u0000`);
    return createHash('sha256').update(JSON.stringify({
        meso: context.version, std: std.digest('hex'), config: configHash(context.files, context.root), root: context.root, maxBytes: context.maxBytes ?? null, locale: context.locale,
        // The configuration applied, wherever it was found (its formularies are imports of every file: their entries).
        settings: context.config ? { path: context.config.path, profile: context.config.parsed.profile ?? null, severities: context.config.parsed.severities, formularies: context.config.parsed.formularies, ignore: context.config.parsed.ignore } : null
    })).digest('hex');
}

/** The cache file `--cache-location` names: the path itself, or `.mesocache` inside it when it is a folder (or ends with a separator). */
export function cacheFile(location: string | undefined, cwd: string): string {
    const file = path.resolve(cwd, location ?? DEFAULT_CACHE_FILE);
    if (location && /[\\/]$/.test(location)) return path.join(file, DEFAULT_CACHE_FILE);
    try {
        if (statSync(file).isDirectory()) return path.join(file, DEFAULT_CACHE_FILE);
    } catch {
        // Not there yet: it is the file.
    }
    return file;
}

const isHash = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1;
const SEVERITIES = new Set(['error', 'warning', 'info']);

/** An entry read from the cache, rebuilt field by field; undefined if anything in it is off. */
function entryOf(x: unknown): Entry | undefined {
    if (typeof x !== 'object' || x === null) return undefined;
    const { hash, imports, problems } = x as Record<string, unknown>;
    if (!isHash(hash) || !Array.isArray(imports) || !Array.isArray(problems)) return undefined;
    const states: ImportState[] = [];
    for (const i of imports as unknown[]) {
        const s = (typeof i === 'object' && i !== null ? i : {}) as Record<string, unknown>;
        if (typeof s.path !== 'string' || !path.isAbsolute(s.path)) return undefined;
        if (isHash(s.hash)) states.push({ path: s.path, hash: s.hash });
        else if (typeof s.missing === 'string') states.push({ path: s.path, missing: s.missing });
        else return undefined;
    }
    const found: FileProblem[] = [];
    for (const p of problems as unknown[]) {
        const q = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
        if (typeof q.severity !== 'string' || !SEVERITIES.has(q.severity) || typeof q.code !== 'string' || typeof q.message !== 'string'
            || !isCount(q.line) || !isCount(q.column) || !isCount(q.endLine) || !isCount(q.endColumn)) return undefined;
        found.push({ severity: q.severity as FileProblem['severity'], code: q.code, message: q.message, line: q.line, column: q.column, endLine: q.endLine, endColumn: q.endColumn });
    }
    return { hash, imports: states, problems: found };
}

/** A file as it is now: the hash of its bytes, or what its state would be as a missing import. */
type Found = { readonly hash: string } | { readonly missing: string };

export class CheckCache {
    private readonly entries = new Map<string, Entry>();
    private readonly key: string;
    private readonly roots: string[];
    private readonly found = new Map<string, Found>();
    /** Whether the file on disk holds exactly these entries under this key. */
    private intact = false;

    constructor(private readonly file: string, private readonly context: CacheContext) {
        this.key = keyOf(context);
        this.roots = realProjectRoots([context.root]);
        this.load();
    }

    private load(): void {
        let text: string;
        try {
            text = readFileSync(this.file, 'utf8');
        } catch {
            return;
        }
        const newline = text.indexOf('\n');
        const head = newline < 0 ? text : text.slice(0, newline);
        const body = text.slice(newline + 1);
        if (newline < 0 || head !== `${MAGIC} ${createHash('sha256').update(body).digest('hex')}`) return;
        let data: unknown;
        try {
            data = JSON.parse(body);
        } catch {
            return;
        }
        const { key, files } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
        if (key !== this.key || typeof files !== 'object' || files === null || Array.isArray(files)) return;
        const entries = new Map<string, Entry>();
        for (const [file, x] of Object.entries(files)) {
            const entry = entryOf(x);
            if (!path.isAbsolute(file) || !entry) return;
            entries.set(file, entry);
        }
        for (const [file, entry] of entries) this.entries.set(file, entry);
        this.intact = true;
    }

    /** The file now: read as `meso check` reads it (same project folder and size limit). */
    private now(file: string): Found {
        let found = this.found.get(file);
        if (!found) {
            const read = readRegularFile(file, { roots: this.roots, maxBytes: this.context.maxBytes });
            found = read.ok ? { hash: createHash('sha256').update(read.bytes).digest('hex') } : { missing: read.code === 'ENOENT' ? 'ENOENT' : read.reason };
            this.found.set(file, found);
        }
        return found;
    }

    /**
     * The cached results of `file` and of every file it imports, transitively, when all of
     * them are unchanged since they were checked; undefined when any is not.
     */
    lookup(file: string): CheckedResult[] | undefined {
        const results = new Map<string, CheckedResult>();
        const stack = [file];
        while (stack.length > 0) {
            const current = stack.pop()!;
            if (results.has(current)) continue;
            const entry = this.entries.get(current);
            const now = this.now(current);
            if (!entry || !('hash' in now) || now.hash !== entry.hash) return undefined;
            for (const imp of entry.imports) {
                const there = this.now(imp.path);
                if ('hash' in imp ? !('hash' in there) || there.hash !== imp.hash : !('missing' in there) || there.missing !== imp.missing) return undefined;
                if ('hash' in imp) stack.push(imp.path);
            }
            results.set(current, { path: current, hash: entry.hash, imports: entry.imports, problems: entry.problems });
        }
        return [...results.values()];
    }

    /** Records fresh results and rewrites the cache file unless it already holds exactly what it should. */
    async save(fresh: readonly CheckedResult[]): Promise<void> {
        for (const r of fresh) {
            const old = this.entries.get(r.path);
            if (old && JSON.stringify(old) === JSON.stringify({ hash: r.hash, imports: r.imports, problems: r.problems })) continue;
            this.entries.set(r.path, { hash: r.hash, imports: r.imports, problems: r.problems });
            this.intact = false;
        }
        if (this.intact) return;
        const files: Record<string, Entry> = {};
        for (const [file, entry] of [...this.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) files[file] = entry;
        const body = JSON.stringify({ key: this.key, files });
        await writeAllAtomically([{ path: this.file, text: `${MAGIC} ${createHash('sha256').update(body).digest('hex')}\n${body}` }]);
        this.intact = true;
    }
}
