import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { errorCode, fsWords } from './fs-errors.js';

/** The default size limit of one `.meso` file: 10 MB (a large formulary is well under 1 MB). */
export const DEFAULT_MAX_FILE_BYTES = 10_000_000;

export interface ReadOptions {
    /** Refuse files larger than this many bytes (default `DEFAULT_MAX_FILE_BYTES`). */
    readonly maxBytes?: number;
    /**
     * The project folders, as real paths (`realProjectRoots`): a file whose real path (symbolic
     * links followed) is in none of them is refused without being opened. Undefined: not confined.
     */
    readonly roots?: readonly string[];
}

/** Why a file was not read: the reason in words, and a code (a Node error code or one of ours). */
export interface ReadRefusal {
    readonly ok: false;
    readonly code: string;
    readonly reason: string;
}

export type ReadResult = { readonly ok: true; readonly bytes: Buffer; readonly realPath: string } | ReadRefusal;

const refuse = (code: string, reason: string): ReadRefusal => ({ ok: false, code, reason });

/** `12.3 MB`, `512 kB`, `10 MB`: sizes as the limit is documented (decimal units). */
export function formatBytes(n: number): string {
    if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(1))} MB`;
    if (n >= 1_000) return `${Number((n / 1_000).toFixed(1))} kB`;
    return `${n} bytes`;
}

/** Parses a size such as `10MB`, `500kB`, `2MiB` or `12345` (bytes); undefined if it is not one. */
export function parseBytes(text: string): number | undefined {
    const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$/i.exec(text);
    if (!m) return undefined;
    const unit = (m[2] ?? 'b').toLowerCase();
    const factor = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }[unit]!;
    const bytes = Math.floor(Number(m[1]) * factor);
    return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** What a file that is not a regular one is, in words. */
function notRegular(stat: Stats): ReadRefusal | undefined {
    if (stat.isFile()) return undefined;
    if (stat.isDirectory()) return refuse('EISDIR', 'it is a folder');
    if (stat.isFIFO()) return refuse('not-regular', 'it is a FIFO (named pipe), not a regular file');
    if (stat.isSocket()) return refuse('not-regular', 'it is a socket, not a regular file');
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return refuse('not-regular', 'it is a device, not a regular file');
    return refuse('not-regular', 'it is not a regular file');
}

/** The refusal of a file over the limit; `size` when it is known before reading. */
function tooLarge(max: number, size?: number): ReadRefusal {
    return refuse('too-large', `it is ${size === undefined ? 'larger than' : `${formatBytes(size)}, over`} the limit of ${formatBytes(max)} per file`);
}

/** True when `file` is `folder` or lies inside it (both absolute, normalised). */
export function isInside(folder: string, file: string): boolean {
    const rel = path.relative(folder, file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The project folders as real paths (symbolic links resolved); a folder that cannot be resolved stays as given. */
export function realProjectRoots(folders: readonly string[]): string[] {
    return folders.map(f => {
        try {
            return realpathSync.native(f);
        } catch {
            return path.resolve(f);
        }
    });
}

// O_NONBLOCK: a file swapped for a FIFO between the stat and the open must not block the open.
// O_NOFOLLOW: the path opened is already the real one, so a symbolic link there is a swap too.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads a file that is a regular file, inside the project folders and within the size limit,
 * and nothing else: a FIFO, a device or a socket is never opened for reading (no hang, no
 * endless read of `/dev/zero`), a file whose real path leaves the project (a symbolic link to
 * `/etc/passwd`, or a folder link pointing outside) is never opened at all, and a file larger
 * than the limit is refused before it is read (and if it grows while read). Synchronous: one
 * awaited read per file costs more than the read (docs/performance.md, start-up). Never throws.
 */
export function readRegularFile(file: string, options: ReadOptions = {}): ReadResult {
    const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    let real: string;
    let stat: Stats;
    try {
        real = realpathSync.native(file);
        stat = statSync(real);
    } catch (e) {
        return refuse(errorCode(e) ?? 'error', fsWords(e));
    }
    if (options.roots && !options.roots.some(root => isInside(root, real))) {
        return refuse('outside', `its real path ${real} is outside the project folder ${options.roots[0]}`);
    }
    const kind = notRegular(stat);
    if (kind) return kind;
    if (stat.size > max) return tooLarge(max, stat.size);
    let fd: number;
    try {
        fd = openSync(real, OPEN_FLAGS);
    } catch (e) {
        return refuse(errorCode(e) ?? 'error', errorCode(e) === 'ELOOP' ? 'it changed while being read' : fsWords(e));
    }
    try {
        const opened = fstatSync(fd);
        if (opened.ino !== stat.ino || opened.dev !== stat.dev) return notRegular(opened) ?? refuse('changed', 'it changed while being read');
        return readAll(fd, real, opened.size, max);
    } catch (e) {
        return refuse(errorCode(e) ?? 'error', fsWords(e));
    } finally {
        closeSync(fd);
    }
}

/** Reads to the end, at most `max` bytes: a file growing past the limit while read is refused. */
function readAll(fd: number, real: string, size: number, max: number): ReadResult {
    let buffer = Buffer.allocUnsafe(Math.min(size, max) + 1);
    let length = 0;
    for (;;) {
        if (length === buffer.length) {
            if (length > max) return tooLarge(max);
            const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
            buffer.copy(bigger, 0, 0, length);
            buffer = bigger;
        }
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
    }
    if (length > max) return tooLarge(max);
    return { ok: true, bytes: buffer.subarray(0, length), realPath: real };
}
