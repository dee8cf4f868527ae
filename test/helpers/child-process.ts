import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/**
 * The environment for a command run as a user would run it: without the npm_* variables of the
 * outer `npm test` (npm reads them as its own configuration), colour and update checks off.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(Object.entries(process.env)
        .filter(([k]) => !/^npm_/i.test(k) && !['INIT_CWD', 'NODE_OPTIONS', 'FORCE_COLOR'].includes(k)));
    return { ...inherited, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

export interface RunResult { readonly code: number | null; readonly out: string; readonly err: string }

/** Runs a command to its end (bounded by `timeout`, default 120 s) and returns its exit code and output. */
export function run(cmd: string, args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: userEnv(), ...options });
    if (r.error) throw r.error;
    return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}
