// Starts code-server (auth none, 127.0.0.1 only) in its own process group with a fresh
// user-data-dir and extensions-dir, and stops the whole group (code-server leaves a
// file-watcher child behind when only its main process is killed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const log = message => console.log(`e2e: ${message}`);

export const SETTINGS = {
    'telemetry.telemetryLevel': 'off',
    'telemetry.feedback.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.settings.enableNaturalLanguageSearch': false,
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'json.schemaDownload.enable': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'npm.fetchOnlinePackageInfo': false,
    'editor.hover.delay': 200,
    'editor.codeLens': true,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off'
};

/** Environment for code-server: its config, data and caches under `dir`, no inherited VS Code IPC variables. */
function serverEnv(dir, node24) {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_')));
    return {
        ...env,
        PATH: `${node24.bin}${path.delimiter}${process.env.PATH}`,
        // No extension gallery (code-server's default is open-vsx.org): the workbench has nothing to query.
        EXTENSIONS_GALLERY: '{}',
        XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
        XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
        XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
        XDG_STATE_HOME: path.join(dir, 'xdg', 'state')
    };
}

export function prepareProfile(dir) {
    const userDataDir = path.join(dir, 'user-data');
    const extensionsDir = path.join(dir, 'extensions');
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 4) + '\n');
    const config = path.join(dir, 'config.yaml');
    writeFileSync(config, 'auth: none\ncert: false\n');
    return { dir, userDataDir, extensionsDir, config };
}

export function installExtension(codeServer, node24, profile, vsix) {
    const args = [codeServer.entry, '--config', profile.config, '--user-data-dir', profile.userDataDir,
        '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'];
    const r = spawnSync(node24.node, args, { encoding: 'utf8', env: serverEnv(profile.dir, node24), timeout: 120_000 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`code-server --install-extension failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}): ${output}`);
    }
    const list = spawnSync(node24.node, [codeServer.entry, '--config', profile.config, '--user-data-dir', profile.userDataDir,
        '--extensions-dir', profile.extensionsDir, '--list-extensions', '--show-versions'], { encoding: 'utf8', env: serverEnv(profile.dir, node24), timeout: 60_000 });
    const installed = (list.stdout ?? '').split('\n').map(s => s.trim()).filter(s => s.startsWith('meso.meso@'));
    if (installed.length === 0) throw new Error(`the extension is not listed after installing it: ${list.stdout}${list.stderr}`);
    return installed[0];
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function httpStatus(url) {
    return new Promise(resolve => {
        const req = http.get(url, { timeout: 2000 }, res => {
            res.resume();
            resolve(res.statusCode);
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(undefined));
    });
}

function groupAlive(pgid) {
    try {
        process.kill(-pgid, 0);
        return true;
    } catch {
        return false;
    }
}

/**
 * Starts code-server on 127.0.0.1:port opening `folder`. `waitReady()` resolves once /healthz answers;
 * `stop()` kills the process group (TERM, then KILL after 5 s) and is safe to call twice.
 */
export function launchCodeServer({ codeServer, node24, profile, folder, port, logFile }) {
    const args = [codeServer.entry, '--config', profile.config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
        '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
        '--ignore-last-opened', folder];
    const fd = openSync(logFile, 'a');
    const child = spawn(node24.node, args, { detached: true, stdio: ['ignore', fd, fd], env: serverEnv(profile.dir, node24) });
    closeSync(fd);
    const pgid = child.pid;
    let exited;
    child.on('exit', (code, signal) => {
        exited = { code, signal };
    });
    let stopped = false;
    const stop = async () => {
        if (stopped || pgid === undefined) return;
        stopped = true;
        const signalGroup = signal => {
            try {
                process.kill(-pgid, signal);
            } catch {
                // already gone
            }
        };
        signalGroup('SIGTERM');
        const deadline = Date.now() + 5000;
        while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
        if (groupAlive(pgid)) {
            log('code-server group still alive 5 s after SIGTERM: sending SIGKILL');
            signalGroup('SIGKILL');
            const killDeadline = Date.now() + 3000;
            while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(100);
        }
        log(groupAlive(pgid) ? `warning: processes of group ${pgid} are still alive` : `code-server process group ${pgid} stopped`);
    };
    /** Last resort on process exit: synchronous SIGKILL of the group. */
    const killNow = () => {
        if (pgid === undefined || !groupAlive(pgid)) return;
        try {
            process.kill(-pgid, 'SIGKILL');
        } catch {
            // already gone
        }
    };
    if (pgid === undefined) throw new Error('code-server did not start (no pid)');
    const url = `http://127.0.0.1:${port}`;
    const waitReady = async (timeoutMs = 90_000) => {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (exited) throw new Error(`code-server exited early (code ${exited.code}, signal ${exited.signal}); log tail:\n${tail(logFile)}`);
            if (await httpStatus(`${url}/healthz`) === 200) return;
            await sleep(250);
        }
        throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s; log tail:\n${tail(logFile)}`);
    };
    return { pgid, port, url, stop, killNow, waitReady };
}

function tail(file, lines = 20) {
    try {
        return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
        return '(no log)';
    }
}
