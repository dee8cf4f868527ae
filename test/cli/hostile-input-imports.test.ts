import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, root, tempDir } from '../helpers/compile.js';

// Every odd import is one `import-unresolved` error on the import line (exit 1), never an
// internal error, and a refused file is never read: its text cannot leak into the output.

const lib = (name: string) => `substance ${name} { concentration 1 % source "t" }\n`;
const PROTOCOL = 'protocol p { indication pain skin test 2 days before first session mixture m { saline 1 mL } session s { inject m } schedule { phase a: 1 session of s every 7 days } }\n';

function files(dir: string, contents: Record<string, string>): void {
    for (const [name, text] of Object.entries(contents)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
}

/** Runs the bundled CLI in `cwd` (the project folder holds the current folder). */
function runBin(args: string[], cwd: string) {
    const r = spawnSync(process.execPath, [join(root, 'bin/meso.cjs'), ...args], { cwd, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
}

async function checkJson(args: string[]) {
    const r = await meso(['check', ...args, '--format', 'json']);
    return { ...r, problems: r.out ? JSON.parse(r.out) as Array<{ file: string; line: number; column: number; code: string; message: string }> : [] };
}

describe('imports on the command line', () => {
    test('an import cycle and a self-import check clean (exit 0)', async () => {
        const dir = tempDir();
        files(dir, { 'a.meso': `import "b.meso"\n${lib('sa')}`, 'b.meso': `import "a.meso"\nimport "b.meso"\n${lib('sb')}` });
        const r = await meso(['check', join(dir, 'a.meso')]);
        expect(r).toEqual({ code: 0, err: '', out: '2 files checked: 0 errors, 0 warnings.\n' });
    });

    test('a folder, a missing file, a system file and an absolute path: one error each, exit 1', async () => {
        const dir = tempDir();
        files(dir, { 'sub.meso/x.meso': lib('x'), 'p.meso': 'import "sub.meso"\nimport "missing.meso"\nimport "../../../../etc/passwd"\nimport "/etc/hostname"\n' });
        const r = await checkJson([join(dir, 'p.meso')]);
        expect(r.code).toBe(1);
        expect(r.err).toBe('');
        expect(r.problems.map(p => [p.line, p.column, p.code, p.message])).toEqual([
            [1, 8, 'import-unresolved', `Cannot import 'sub.meso': ${join(dir, 'sub.meso')} could not be read (it is a folder).`],
            [2, 8, 'import-unresolved', `Cannot import 'missing.meso': no such .meso file at ${join(dir, 'missing.meso')} (or it could not be read).`],
            [3, 8, 'import-unresolved', "Cannot import '../../../../etc/passwd': only .meso files can be imported."],
            [4, 8, 'import-unresolved', "Cannot import '/etc/hostname': only .meso files can be imported."]
        ]);
        // This was an internal error ("no services for the extension ''"), exit 2.
        expect(r.out).not.toContain('root:');
    });

    test('an import outside the project folder is refused and not read', async () => {
        const dir = tempDir();
        // Were it read, its syntax errors would quote it: the secret must not appear.
        files(dir, { 'secret.meso': 'TOP-SECRET-TOKEN\n', 'proj/p.meso': `import "../secret.meso"\n${PROTOCOL}` });
        const r = runBin(['check', '.', '--format', 'json'], join(dir, 'proj'));
        expect(r.code).toBe(1);
        expect(JSON.parse(r.out)).toEqual([expect.objectContaining({
            file: 'p.meso', line: 1, column: 8, code: 'import-unresolved',
            message: `Cannot import '../secret.meso': ${join(dir, 'secret.meso')} is outside the project folder ${join(dir, 'proj')}.`
        })]);
        expect(r.out).not.toContain('SECRET');
    });

    test('the project folder holds the current folder: examples/patients/rossi.meso may import ../low-back-pain.meso', async () => {
        const r = spawnSync(process.execPath, [join(root, 'bin/meso.cjs'), 'check', 'examples/patients/rossi.meso'], { cwd: root, encoding: 'utf8' });
        expect(r.stdout).not.toContain('import-unresolved');
        expect(r.status).toBe(0);
    });

    test('a compile with a refused import writes nothing', async () => {
        const dir = tempDir();
        files(dir, { 'lib.meso': lib('x'), 'proj/p.meso': `import "../lib.meso"\n${PROTOCOL}` });
        const r = runBin(['compile', 'p.meso', '--out-dir', join(dir, 'out')], join(dir, 'proj'));
        expect(r.code).toBe(1);
        expect(existsSync(join(dir, 'out'))).toBe(false);
        expect(r.out).toContain('is outside the project folder');
        expect(r.out).toContain('Nothing was written');
    });

    test('200 files declaring one name, imported by one: one duplicate-name error on the importer', async () => {
        const dir = tempDir();
        const contents: Record<string, string> = {};
        for (let i = 0; i < 200; i++) contents[`f${String(i).padStart(3, '0')}.meso`] = lib('dup');
        contents['main.meso'] = Object.keys(contents).map(f => `import "${f}"`).join('\n') + `\n${lib('dup')}`;
        files(dir, contents);
        const r = await checkJson([dir]);
        expect(r.code).toBe(1);
        expect(r.problems.map(p => [p.file.split('/').pop(), p.line, p.column, p.message])).toEqual([
            ['main.meso', 201, 11, "'dup' is declared more than once (also declared in f000.meso)."]
        ]);
    });
});

describe('unreadable files (a real permission error: run as an unprivileged user when tests run as root)', () => {
    /** Runs the bundled CLI as a user that the permission bits stop (root ignores them). */
    function runUnprivileged(args: string[], cwd: string) {
        const isRoot = process.getuid?.() === 0;
        const command = isRoot ? 'setpriv' : process.execPath;
        const prefix = isRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
        const r = spawnSync(command, [...prefix, join(root, 'bin/meso.cjs'), ...args], { cwd, encoding: 'utf8' });
        if (r.error) throw new Error(`cannot run the CLI unprivileged (${isRoot ? 'setpriv is needed when tests run as root' : ''}): ${r.error.message}`);
        return r;
    }

    function lockedFolder() {
        const dir = tempDir();
        chmodSync(dir, 0o755);
        files(dir, { 'locked.meso': lib('x'), 'p.meso': `import "locked.meso"\n${PROTOCOL}` });
        chmodSync(join(dir, 'locked.meso'), 0o000);
        chmodSync(join(dir, 'p.meso'), 0o644);
        return dir;
    }

    test('an unreadable import: import-unresolved says permission denied, exit 1', () => {
        const dir = lockedFolder();
        const r = runUnprivileged(['check', 'p.meso'], dir);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(`p.meso:1:8: error import-unresolved: Cannot import 'locked.meso': ${join(dir, 'locked.meso')} could not be read (permission denied).\n1 file checked: 1 error, 0 warnings.\n`);
        expect(r.status).toBe(1);
    });

    test('an unreadable file named on the command line: a message and exit 2, no stack trace', () => {
        const dir = lockedFolder();
        const r = runUnprivileged(['check', 'locked.meso'], dir);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`meso: ${join(dir, 'locked.meso')}: cannot read the file: permission denied (EACCES).\n`);
        expect(r.status).toBe(2);
    });
});
