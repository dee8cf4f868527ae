import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileSystemError } from './fs-errors.js';
import { backupOf, removeStaleTemporaries, temporaryOf } from './temporaries.js';

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
        for (const f of files) {
            const folder = path.dirname(f.path);
            await fs.mkdir(folder, { recursive: true }).catch(e => { throw fileSystemError(`cannot create the folder ${folder}`, e); });
            const temp = temporaryOf(f.path);
            // Listed before writing, so that a write failing halfway is removed too.
            temps.push({ temp, target: f.path });
            await writeDurably(temp, f.text).catch(e => { throw fileSystemError(`cannot write ${f.path}`, e); });
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
