import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The names of the temporaries a write leaves while it runs, and who owns them.
 *
 * A temporary is `.<h>.<owner>.meso-tmp` beside its target, and a kept previous target
 * `.<h>.<owner>.meso-old`, where `<h>` is 16 hex digits of the SHA-256 of the target's file
 * name (so the name fits whatever the target's length: a 255-byte target name would not take
 * a suffix) and `<owner>` marks the process: `<pid>-<start>-<boot>`, with the process's start
 * time in clock ticks since boot (`/proc/<pid>/stat`) and the first 8 hex digits of the boot id.
 * A pid alone is reused: a killed run's pid may belong to another process by the next run, and
 * its temporaries would stay forever. Where `/proc` is missing (macOS, Windows), `<start>` and
 * `<boot>` are 0 and the pid alone decides.
 */

const TEMPORARY = /^\.([0-9a-f]{16})\.([0-9]+)-([0-9]+)-([0-9a-f]{8})\.meso-(tmp|old)$/;

function readText(file: string): string | undefined {
    try {
        return readFileSync(file, 'utf8');
    } catch {
        return undefined;
    }
}

/** The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined. */
function startTicks(pid: number): string | undefined {
    const stat = readText(`/proc/${pid}/stat`);
    // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields && /^[0-9]+$/.test(fields[19] ?? '') ? fields[19] : undefined;
}

function bootId(): string | undefined {
    const id = readText('/proc/sys/kernel/random/boot_id')?.trim().replace(/-/g, '');
    return id && /^[0-9a-f]{8}/.test(id) ? id.slice(0, 8) : undefined;
}

let ownOwner: string | undefined;

/** This process's owner mark: `<pid>-<start>-<boot>`. */
export function ownerMark(): string {
    ownOwner ??= `${process.pid}-${startTicks(process.pid) ?? '0'}-${bootId() ?? '00000000'}`;
    return ownOwner;
}

function pidRuns(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        // EPERM: it runs, as another user.
        return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Whether the process that made a temporary with this owner mark still runs. */
export function ownerRuns(pid: number, start: string, boot: string): boolean {
    if (`${pid}-${start}-${boot}` === ownerMark()) return true;
    const thisBoot = bootId();
    if (thisBoot && boot !== '00000000' && boot !== thisBoot) return false;
    const ticks = startTicks(pid);
    if (ticks !== undefined && start !== '0') return ticks === start;
    return pidRuns(pid);
}

const nameHash = (target: string) => createHash('sha256').update(path.basename(target)).digest('hex').slice(0, 16);

/** The temporary `target` is written to first, beside it. */
export function temporaryOf(target: string): string {
    return path.join(path.dirname(target), `.${nameHash(target)}.${ownerMark()}.meso-tmp`);
}

/** Where the previous `target` is kept while a set of targets is renamed, to put back on a failure. */
export function backupOf(target: string): string {
    return path.join(path.dirname(target), `.${nameHash(target)}.${ownerMark()}.meso-old`);
}

/**
 * Removes, from each folder, the temporaries and backups whose owner no longer runs (a run
 * killed mid-write). Only regular files with exactly these names are touched: a folder named
 * like one stays. Best effort: a folder that cannot be listed or a file that cannot be removed
 * is left as it is (the write that follows says why, if it fails). Returns what was removed.
 */
export function removeStaleTemporaries(folders: Iterable<string>): string[] {
    const removed: string[] = [];
    for (const folder of new Set(folders)) {
        let entries: string[];
        try {
            entries = readdirSync(folder);
        } catch {
            continue;
        }
        for (const entry of entries) {
            const m = TEMPORARY.exec(entry);
            if (!m || ownerRuns(Number(m[2]), m[3], m[4])) continue;
            const file = path.join(folder, entry);
            try {
                if (!lstatSync(file).isFile()) continue;
                rmSync(file, { force: true });
                removed.push(file);
            } catch {
                // Left for a later run.
            }
        }
    }
    return removed;
}
