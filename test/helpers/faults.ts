import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './compile.js';

/**
 * Helpers of the fault-injection suites (test/cli/faults-*.test.ts): every process they start
 * is bounded in time (killed with SIGKILL at the deadline, which the test then reports as a
 * hang) and every mount is undone by the test that made it.
 */

/** How long one `meso` run may take before it counts as a hang. */
export const DEADLINE_MS = 30_000;

export interface Run {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly out: string;
    readonly err: string;
    /** True when the process was killed at the deadline. */
    readonly hung: boolean;
}

/** Runs the bundled CLI (`bin/meso.cjs`, as users run it) in `cwd`, killed at the deadline. */
export function runMeso(args: string[], cwd: string, options: SpawnSyncOptions = {}): Run {
    const r = spawnSync(process.execPath, [join(root, 'bin/meso.cjs'), ...args], {
        cwd, encoding: 'utf8', timeout: DEADLINE_MS, killSignal: 'SIGKILL', ...options
    });
    const hung = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    return { code: r.status, signal: r.signal, out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), hung };
}

/** Runs a shell command line (for pipes such as `| head -1`), killed at the deadline. */
export function runShell(line: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
    const r = spawnSync('/bin/sh', ['-c', line], { cwd, encoding: 'utf8', timeout: DEADLINE_MS, killSignal: 'SIGKILL', env });
    const hung = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    return { code: r.status, signal: r.signal, out: r.stdout ?? '', err: r.stderr ?? '', hung };
}

/** The command line of the bundled CLI, quoted for /bin/sh. */
export const mesoCommand = `'${process.execPath}' '${join(root, 'bin/meso.cjs')}'`;

/** Writes the files (creating folders) under `dir`. */
export function files(dir: string, contents: Record<string, string>): void {
    for (const [name, text] of Object.entries(contents)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
}

/** Makes a FIFO (named pipe) with mkfifo(1): nothing ever writes to it, so reading it would block forever. */
export function mkfifo(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const r = spawnSync('mkfifo', [path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mkfifo ${path} failed: ${r.stderr || r.error?.message}`);
}

/** True when the tests run as root (mounts and unprivileged runs are possible). */
export const isRoot = process.getuid?.() === 0;

/** A clean protocol, and a library file declaring one substance. */
export const PROTOCOL = 'protocol p { indication pain skin test 2 days before first session mixture m { saline 1 mL } session s { inject m } schedule { phase a: 1 session of s every 7 days } }\n';
export const lib = (name: string) => `substance ${name} { concentration 1 % source "t" }\n`;

const mounts: string[] = [];

/** Mounts a fresh tmpfs (root only) on a new temporary folder; `unmountAll` undoes every one. */
export function mountTmpfs(folder: string, options = 'size=1m'): string {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mount -t tmpfs -o ${options} failed: ${r.stderr}`);
    mounts.push(folder);
    return folder;
}

/** Remounts a tmpfs mounted by `mountTmpfs` read-only. */
export function remountReadOnly(folder: string): void {
    const r = spawnSync('mount', ['-o', 'remount,ro', folder], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mount -o remount,ro ${folder} failed: ${r.stderr}`);
}

/** Sets or clears the immutable attribute (chattr +i / -i; root only). */
export function setImmutable(path: string, on: boolean): void {
    const r = spawnSync('chattr', [on ? '+i' : '-i', path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`chattr ${on ? '+i' : '-i'} ${path} failed: ${r.stderr}`);
}

/** Unmounts every tmpfs `mountTmpfs` mounted (lazily, so that a busy one goes too). */
export function unmountAll(): void {
    for (const m of mounts.splice(0).reverse()) spawnSync('umount', ['-l', m]);
}

/** Says why a suite that needs root is skipped (printed once per file). */
export function skipMessage(what: string): void {
    if (!isRoot) console.warn(`skipped: ${what} needs root (tmpfs mounts, chattr); the tests do not run as root here.`);
}
