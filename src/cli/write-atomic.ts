import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './exit-codes.js';

/** Plain words for the write errors a user can fix. */
const WRITE_ERRORS: Record<string, string | undefined> = {
    EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder', ENOENT: 'no such file or folder', EISDIR: 'it is a folder',
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EBUSY: 'resource busy or locked'
};

function writeError(what: string, e: unknown): CliError {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return new CliError(`${what}: ${WRITE_ERRORS[code] ?? (e instanceof Error ? e.message : String(e))}${code ? ` (${code})` : ''}.`);
}

/** The temporary file a target is written to first: `<target>.<pid>.tmp`, beside it. */
function temporaryOf(target: string, pid = process.pid): string {
    return `${target}.${pid}.tmp`;
}

/** The previous target kept while the run renames (`<target>.<pid>.old`), to put back on a failure. */
function backupOf(target: string, pid = process.pid): string {
    return `${target}.${pid}.old`;
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        // EPERM: it runs, as another user.
        return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/**
 * Removes the temporaries and backups that an earlier run killed mid-write left beside these
 * targets (`<target>.<pid>.tmp` or `.old` whose process is gone). Only the names this tool would have made
 * are touched. Call it before writing: a temporary with this process's pid is stale then.
 */
export async function removeStaleTemporaries(targets: string[]): Promise<void> {
    const byFolder = new Map<string, Set<string>>();
    for (const t of targets) {
        const names = byFolder.get(path.dirname(t)) ?? new Set<string>();
        names.add(path.basename(t));
        byFolder.set(path.dirname(t), names);
    }
    for (const [folder, names] of byFolder) {
        const entries = await fs.readdir(folder).catch(() => [] as string[]);
        for (const entry of entries) {
            const m = /^(.+)\.([0-9]+)\.(?:tmp|old)$/.exec(entry);
            // Before this run writes, a temporary with its own pid is a dead namesake's too.
            if (!m || !names.has(m[1]) || (Number(m[2]) !== process.pid && isRunning(Number(m[2])))) continue;
            await fs.rm(path.join(folder, entry), { force: true });
        }
    }
}

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
    if (stat && !stat.isFile()) throw writeError(`cannot write ${target}`, Object.assign(new Error('not a file'), { code: stat.isDirectory() ? 'EISDIR' : 'EEXIST' }));
}

/**
 * Writes every file or none: each goes to a temporary file beside its target first
 * (flushed to disk); only when all are written are they renamed into place, each rename
 * replacing its target whole. An existing target is kept as a hard link (`.old`) until
 * every rename succeeded, so a rename that fails puts the earlier targets back. A failure
 * removes the temporaries, leaves the targets as they were and is a `CliError` naming the
 * target and the reason. A run killed mid-write leaves temporaries or backups at most,
 * which the next run over the same targets removes.
 */
export async function writeAllAtomically(files: Array<{ path: string; text: string }>): Promise<void> {
    await removeStaleTemporaries(files.map(f => f.path));
    const temps: Array<{ temp: string; target: string }> = [];
    try {
        for (const f of files) {
            const folder = path.dirname(f.path);
            await fs.mkdir(folder, { recursive: true }).catch(e => { throw writeError(`cannot create the folder ${folder}`, e); });
            const temp = temporaryOf(f.path);
            // Listed before writing, so that a write failing halfway is removed too.
            temps.push({ temp, target: f.path });
            await writeDurably(temp, f.text).catch(e => { throw writeError(`cannot write ${f.path}`, e); });
        }
        for (const t of temps) await assertReplaceable(t.target);
        await renameAll(temps);
    } finally {
        await Promise.all(temps.map(t => fs.rm(t.temp, { force: true })));
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
                throw writeError(`cannot write ${t.target}`, e);
            });
            backups.push({ target: t.target, backup: kept ? backup : undefined });
            await fs.rename(t.temp, t.target).catch(e => { throw writeError(`cannot write ${t.target}`, e); });
        }
    } catch (e) {
        // Put back what was replaced (the failed target's own backup is its current file).
        for (const b of backups) {
            if (b.backup) await fs.rename(b.backup, b.target).catch(() => undefined);
            else await fs.rm(b.target, { force: true }).catch(() => undefined);
        }
        throw e;
    } finally {
        await Promise.all(backups.map(b => b.backup ? fs.rm(b.backup, { force: true }) : undefined));
    }
}
