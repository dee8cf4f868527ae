import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileSystemError } from './fs-errors.js';
import { backupOf, removeStaleTemporaries, temporaryOf } from './temporaries.js';

/** How many temporaries are written (and flushed) at once. */
const PARALLEL_WRITES = 16;

/** Writes and flushes to disk, so that a rename after it never exposes an empty file. */
async function writeDurably(file: string, text: string): Promise<void> {
    const handle = await fs.open(file, 'wx');
    try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
    } finally {
        await handle.close();
    }
}

/** Stops before any rename when a target exists and is not a plain file (a folder, say). */
async function assertReplaceable(target: string): Promise<void> {
    const stat = await fs.lstat(target).catch(() => undefined);
    if (stat && !stat.isFile()) throw fileSystemError(`cannot write ${target}`, Object.assign(new Error('not a file'), { code: stat.isDirectory() ? 'EISDIR' : 'EEXIST' }));
}

/**
 * Writes every file or none: each goes to a temporary file beside its target first
 * (flushed to disk); only when all are written are they renamed into place, each rename
 * replacing its target whole. An existing target is kept as a hard link (a backup) until
 * every rename succeeded, so a rename that fails puts the earlier targets back. A failure
 * removes the temporaries, leaves the targets as they were and is a `FileSystemError` naming
 * the path and the reason. Temporaries are named by `temporaryOf` (short, hidden, marked with
 * the process that owns them); those a killed run left in the target folders are removed
 * first. Used by `meso compile`, `meso check -o`, `meso format --write`, and the editor's
 * Compile to JSON.
 */
export async function writeAllAtomically(files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
    removeStaleTemporaries(files.map(f => path.dirname(f.path)));
    const temps: Array<{ temp: string; target: string }> = [];
    try {
        const folders = new Set<string>();
        for (let start = 0; start < files.length; start += PARALLEL_WRITES) {
            // A batch at a time: each write waits for its flush to disk, and a thousand of those
            // one after another were most of `meso compile --out-dir`'s time over its check.
            const batch = files.slice(start, start + PARALLEL_WRITES);
            for (const f of batch) {
                const folder = path.dirname(f.path);
                if (!folders.has(folder)) {
                    await fs.mkdir(folder, { recursive: true }).catch(e => { throw fileSystemError(`cannot create the folder ${folder}`, e); });
                    folders.add(folder);
                }
                // Listed before writing, so that a write failing halfway is removed too.
                temps.push({ temp: temporaryOf(f.path), target: f.path });
            }
            const written = await Promise.allSettled(batch.map((f, i) =>
                writeDurably(temps[start + i].temp, f.text).catch(e => { throw fileSystemError(`cannot write ${f.path}`, e); })));
            const failed = written.find(w => w.status === 'rejected');
            if (failed) throw (failed as PromiseRejectedResult).reason;
        }
        for (const t of temps) await assertReplaceable(t.target);
        await renameAll(temps);
    } finally {
        await Promise.all(temps.map(t => fs.rm(t.temp, { force: true }).catch(() => undefined)));
    }
}

/** Renames the temporaries over their targets, all or none (as far as the file system allows). */
async function renameAll(temps: Array<{ temp: string; target: string }>): Promise<void> {
    const backups: Array<{ target: string; backup?: string }> = [];
    try {
        for (const t of temps) {
            const backup = backupOf(t.target);
            // A hard link costs nothing; a file system without them gets a copy.
            const kept = await fs.link(t.target, backup).catch(() => fs.copyFile(t.target, backup)).then(() => true, (e: NodeJS.ErrnoException) => {
                if (e.code === 'ENOENT') return false;
                throw fileSystemError(`cannot write ${t.target}`, e);
            });
            backups.push({ target: t.target, backup: kept ? backup : undefined });
            await fs.rename(t.temp, t.target).catch(e => { throw fileSystemError(`cannot write ${t.target}`, e); });
        }
    } catch (e) {
        // Put back what was replaced (the failed target's own backup is its current file).
        for (const b of backups) {
            if (b.backup) await fs.rename(b.backup, b.target).catch(() => undefined);
            else await fs.rm(b.target, { force: true }).catch(() => undefined);
        }
        throw e;
    } finally {
        await Promise.all(backups.map(b => b.backup ? fs.rm(b.backup, { force: true }).catch(() => undefined) : undefined));
    }
}
