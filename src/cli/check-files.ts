import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FileSystemError } from '../files/fs-errors.js';
import { CliError, CliProblems, ExitCode } from './exit-codes.js';
import { loadWorkspace, type ImportState } from './load-workspace.js';
import { fileProblemsOf, type FileProblems } from './problems.js';
import type { Locale } from '../language/i18n/locale.js';
import type { ProjectConfigFile } from './project-config-file.js';

/** A checked file's problems, with what the check cache keys them by. */
export interface CheckedResult extends FileProblems {
    /** SHA-256 (hex) of the file's bytes. */
    readonly hash: string;
    readonly imports: readonly ImportState[];
}

export interface CheckFilesOptions {
    readonly root: string;
    readonly maxBytes?: number;
    /** The language of the messages. */
    readonly locale?: Locale;
    /** The project's meso.config.json, as read (every thread applies it). */
    readonly config?: ProjectConfigFile;
}

/** Fewer files than this per thread are checked on fewer threads: a thread's start (the bundle, std) costs about as much. */
const FILES_PER_THREAD = 100;

/** The threads `--concurrency` asks for: `auto` (the default) one per core with enough files for each, `off` one. */
export function threadCount(concurrency: string | number | undefined, files: number): number {
    if (concurrency === undefined || concurrency === 'auto') return Math.max(1, Math.min(availableParallelism(), Math.floor(files / FILES_PER_THREAD)));
    if (concurrency === 'off') return 1;
    return Math.max(1, Math.min(Number(concurrency), files));
}

/** Checks `files` and everything they import in this thread; the results in path order. */
export async function checkHere(files: string[], options: CheckFilesOptions): Promise<CheckedResult[]> {
    const { files: checked } = await loadWorkspace(files, options);
    return checked.map(f => ({ ...fileProblemsOf(f), hash: f.hash, imports: f.imports }));
}

/** What a worker thread is given, as `workerData.mesoCheckWorker`. */
export interface CheckWorkerData extends CheckFilesOptions {
    readonly files: string[];
}

type WorkerReply = { readonly results: CheckedResult[] }
    | { readonly error: { readonly kind: 'cli' | 'problems' | 'fs' | 'other'; readonly message: string; readonly exitCode?: ExitCode; readonly lines?: readonly string[] } };

/** The body of a worker thread started by `checkFiles` (called by the CLI's entry point). */
export async function checkWorker(data: CheckWorkerData, reply: (message: WorkerReply) => void): Promise<void> {
    try {
        reply({ results: await checkHere(data.files, data) });
    } catch (e) {
        const kind = e instanceof CliProblems ? 'problems' : e instanceof CliError ? 'cli' : e instanceof FileSystemError ? 'fs' : 'other';
        reply({ error: { kind, message: e instanceof Error ? e.message : String(e), exitCode: e instanceof CliError ? e.exitCode : undefined, lines: e instanceof CliProblems ? e.lines : undefined } });
    }
}

function inWorker(script: string, data: CheckWorkerData): Promise<CheckedResult[]> {
    return new Promise((resolve, reject) => {
        const worker = new Worker(script, { workerData: { mesoCheckWorker: data }, argv: [], stdout: true, stderr: true });
        worker.once('message', (m: WorkerReply) => {
            if ('results' in m) resolve(m.results);
            else if (m.error.kind === 'problems') reject(new CliProblems(m.error.lines ?? [m.error.message]));
            else if (m.error.kind === 'cli') reject(new CliError(m.error.message, m.error.exitCode));
            else if (m.error.kind === 'fs') reject(new FileSystemError(m.error.message));
            else reject(new Error(m.error.message));
            void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', code => reject(new Error(`a checking thread stopped (exit code ${code}) before it answered`)));
    });
}

/**
 * Checks `files` (and everything they import) on `threads` threads: this one and workers
 * running `workerScript` (the CLI's entry, which hands them to `checkWorker`). The files are
 * split in path order; a file imported from several parts is checked in each, with the same
 * result (a file's problems depend only on it and what it imports). The results are merged in
 * path order, as one thread gives them; a failure is the one of the earliest part, as one
 * thread, reading the files in that order, would meet it first.
 */
export async function checkFiles(files: string[], options: CheckFilesOptions & { threads: number; workerScript?: string }): Promise<CheckedResult[]> {
    const threads = options.workerScript ? Math.min(options.threads, files.length) : 1;
    if (threads <= 1) return checkHere(files, options);
    const size = Math.ceil(files.length / threads);
    const parts = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size)).filter(p => p.length > 0);
    const data = (part: string[]): CheckWorkerData => ({ files: part, root: options.root, maxBytes: options.maxBytes, locale: options.locale, config: options.config });
    const settled = await Promise.allSettled(parts.map((part, i) => i === 0 ? checkHere(part, options) : inWorker(options.workerScript!, data(part))));
    const failed = settled.find(s => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return mergeResults(settled.map(s => (s as PromiseFulfilledResult<CheckedResult[]>).value));
}

/** Results of several parts as one list in path order, each file once. */
export function mergeResults(parts: ReadonlyArray<readonly CheckedResult[]>): CheckedResult[] {
    const byPath = new Map<string, CheckedResult>();
    for (const part of parts) for (const r of part) if (!byPath.has(r.path)) byPath.set(r.path, r);
    return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
