// Makes sure Neovim (`nvim`) is installed, for the end-to-end editor test (test/e2e/neovim.test.ts).
// If `nvim` is on the PATH, says so and exits 0. Otherwise installs Debian's package with
// `apt-get update && apt-get install -y neovim` (needs root; CI is a fresh Debian machine),
// prints what it did, and exits non-zero with a clear message if it cannot.
import { spawnSync } from 'node:child_process';

function nvimVersion() {
    const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
        return undefined;
    }
    return r.stdout.split('\n')[0].trim();
}

function fail(message) {
    console.error(`ensure-neovim: ${message}`);
    process.exit(1);
}

const found = nvimVersion();
if (found) {
    console.log(`ensure-neovim: ${found} is already installed; nothing to do.`);
    process.exit(0);
}

if (process.platform !== 'linux') {
    fail(`nvim is not on the PATH and automatic installation only works on Debian/Ubuntu Linux (this is ${process.platform}). Install Neovim >= 0.7 yourself.`);
}
const aptGet = spawnSync('apt-get', ['--version'], { encoding: 'utf8' });
if (aptGet.error || aptGet.status !== 0) {
    fail('nvim is not on the PATH and apt-get is not available to install it. Install Neovim >= 0.7 yourself.');
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? [] : ['sudo', '-n'];
if (!isRoot) {
    console.log('ensure-neovim: not running as root; trying non-interactive sudo.');
}

function run(args) {
    const [command, ...rest] = [...sudo, ...args];
    console.log(`ensure-neovim: running: ${[command, ...rest].join(' ')}`);
    const started = Date.now();
    const r = spawnSync(command, rest, {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (r.error) {
        fail(`could not run ${command}: ${r.error.message}. Install Neovim >= 0.7 yourself (apt-get install -y neovim).`);
    }
    if (r.status !== 0) {
        fail(`\`${[command, ...rest].join(' ')}\` failed with exit code ${r.status} after ${seconds} s. Install Neovim >= 0.7 yourself (apt-get install -y neovim).`);
    }
    console.log(`ensure-neovim: done in ${seconds} s.`);
}

run(['apt-get', 'update', '-q']);
run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'neovim']);

const installed = nvimVersion();
if (!installed) {
    fail('apt-get reported success but `nvim --version` still does not run.');
}
console.log(`ensure-neovim: installed ${installed}.`);
