/** Plain words for the file-system errors a user can do something about, by Node error code. */
const REASONS: Record<string, string | undefined> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOENT: 'no such file or folder',
    EISDIR: 'it is a folder',
    EEXIST: 'something else is already there',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EBUSY: 'resource busy or locked',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'the file name is too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'input/output error',
    EXDEV: 'the folders are on different file systems',
    ENOTEMPTY: 'the folder is not empty',
    EFBIG: 'the file is too large',
    ETXTBSY: 'the file is busy',
    EAGAIN: 'the resource is temporarily unavailable',
    EPIPE: 'the reader closed the pipe'
};

/** The error code of a Node file-system error (`EACCES`…), if it has one. */
export function errorCode(e: unknown): string | undefined {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
}

/** Why a file-system call failed, in words only: `permission denied`. */
export function fsWords(e: unknown): string {
    const code = errorCode(e);
    const words = code ? REASONS[code] : undefined;
    if (words) return words;
    const message = e instanceof Error ? e.message : String(e);
    // Node's messages read "EFOO: text, open '/path'": keep the text, the caller names the path.
    return message.replace(/^[A-Z_]+: /, '').replace(/, \w+ '.*'$/s, '').replace(/\s+/g, ' ').trim() || 'unknown error';
}

/**
 * Why a file-system call failed, in words with the code: `permission denied (EACCES)`.
 * Never a stack trace, always one line.
 */
export function fsReason(e: unknown): string {
    const code = errorCode(e);
    return code ? `${fsWords(e)} (${code})` : fsWords(e);
}

/**
 * A file-system failure the user can act on, as one plain line naming the path and the
 * reason (`cannot write out/p.json: read-only file system (EROFS)`): shown as it is, with
 * exit code 2 in the CLI, never as an internal error.
 */
export class FileSystemError extends Error {
    constructor(message: string, readonly code?: string) {
        super(message);
    }
}

/** `what: reason (CODE)` as a `FileSystemError`, for a failed call on a path. */
export function fileSystemError(what: string, e: unknown): FileSystemError {
    return new FileSystemError(`${what}: ${fsReason(e)}.`, errorCode(e));
}
