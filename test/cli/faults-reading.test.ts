import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/compile.js';
import { files, lib, mkfifo, PROTOCOL, runMeso, type Run } from '../helpers/faults.js';

// Fault injection, reading: what `meso check` meets in a hostile or unlucky checkout. Every run
// is the bundled CLI, killed at a deadline: a hang fails the test instead of the suite.

const FIFO = 'it is a FIFO (named pipe), not a regular file';

/** The run finished (no hang), wrote no stack trace, and exited with `code`. */
function finished(r: Run, code: number): void {
    expect(r.hung, `meso hung: ${r.out}${r.err}`).toBe(false);
    expect(r.err).not.toMatch(/\n\s+at |internal error/);
    expect(r.code).toBe(code);
}

type Problem = { file: string; line: number; column: number; code: string; message: string };
const problems = (r: Run) => JSON.parse(r.out) as Problem[];

describe('a FIFO named .meso never hangs meso check', () => {
    test('named on the command line: one line, exit 2', () => {
        const dir = tempDir();
        mkfifo(join(dir, 'x.meso'));
        const r = runMeso(['check', 'x.meso'], dir);
        finished(r, 2);
        expect(r).toMatchObject({ out: '', err: `meso: ${join(dir, 'x.meso')}: cannot read the file: ${FIFO}.\n` });
    });

    test('found in a folder and matched by a glob: the same refusal, exit 2', () => {
        const dir = tempDir();
        files(dir, { 'protocols/ok.meso': PROTOCOL });
        mkfifo(join(dir, 'protocols/deep/x.meso'));
        for (const input of ['protocols', 'protocols/**/*.meso']) {
            const r = runMeso(['check', input], dir);
            finished(r, 2);
            expect(r.err).toBe(`meso: ${join(dir, 'protocols/deep/x.meso')}: cannot read the file: ${FIFO}.\n`);
        }
    });

    test('imported: import-unresolved says why, the rest is checked, exit 1', () => {
        const dir = tempDir();
        files(dir, { 'p.meso': `import "x.meso"\n${PROTOCOL}` });
        mkfifo(join(dir, 'x.meso'));
        const r = runMeso(['check', 'p.meso', '--format', 'json'], dir);
        finished(r, 1);
        expect(problems(r).map(p => [p.line, p.column, p.code, p.message])).toEqual([
            [1, 8, 'import-unresolved', `Cannot import 'x.meso': ${join(dir, 'x.meso')} could not be read (${FIFO}).`]
        ]);
    });
});

describe('devices and sockets are refused before any read', () => {
    let server: Server | undefined;
    afterAll(() => new Promise<void>(resolve => server ? server.close(() => resolve()) : resolve()));

    test('a .meso symlink to /dev/zero inside the project: outside the project once followed; with / as the project: a device', () => {
        const dir = tempDir();
        symlinkSync('/dev/zero', join(dir, 'zero.meso'));
        const inside = runMeso(['check', 'zero.meso'], dir);
        finished(inside, 2);
        expect(inside.err).toBe(`meso: ${join(dir, 'zero.meso')}: cannot read the file: its real path /dev/zero is outside the project folder ${dir}.\n`);
        // Run from /, the project folder is / and holds /dev/zero: the file type refuses it.
        const fromRoot = runMeso(['check', join(dir, 'zero.meso')], '/');
        finished(fromRoot, 2);
        expect(fromRoot.err).toBe(`meso: ${join(dir, 'zero.meso')}: cannot read the file: it is a device, not a regular file.\n`);
    });

    test('/dev/urandom through a glob and through an import: refused, never read', () => {
        const dir = tempDir();
        files(dir, { 'p.meso': `import "sub/random.meso"\n${PROTOCOL}` });
        mkdirSync(join(dir, 'sub'));
        symlinkSync('/dev/urandom', join(dir, 'sub/random.meso'));
        // From /, the glob's project folder is / and holds /dev/urandom: the file type refuses it.
        const globbed = runMeso(['check', join(dir, 'sub/*.meso')], '/');
        finished(globbed, 2);
        expect(globbed.err).toBe(`meso: ${join(dir, 'sub/random.meso')}: cannot read the file: it is a device, not a regular file.\n`);
        const imported = runMeso(['check', 'p.meso', '--format', 'json'], dir);
        finished(imported, 1);
        expect(problems(imported)[0].message).toBe(`Cannot import 'sub/random.meso': ${join(dir, 'sub/random.meso')} could not be read (its real path /dev/urandom is outside the project folder ${dir}).`);
    });

    test('a socket named .meso: one line, exit 2', async () => {
        const dir = tempDir();
        const socket = join(dir, 's.meso');
        server = createServer();
        await new Promise<void>(resolve => server!.listen(socket, resolve));
        const r = runMeso(['check', 's.meso'], dir);
        finished(r, 2);
        expect(r.err).toBe(`meso: ${socket}: cannot read the file: it is a socket, not a regular file.\n`);
    });
});

describe('symbolic links never lead an import or a search out of the project', () => {
    function project() {
        const dir = tempDir();
        files(dir, { 'outside/secret.meso': 'TOP-SECRET-TOKEN\n', 'outside/lib/x.meso': 'ALSO-SECRET\n', 'proj/ok.meso': lib('ok') });
        const proj = join(dir, 'proj');
        symlinkSync(join(dir, 'outside/secret.meso'), join(proj, 'link.meso'));
        symlinkSync(join(dir, 'outside/lib'), join(proj, 'shared'));
        symlinkSync('/etc/passwd', join(proj, 'passwd.meso'));
        return { dir, proj };
    }

    test('imports of a file link, through a folder link, and of a link to /etc/passwd: refused, their text never shown', () => {
        const { dir, proj } = project();
        writeFileSync(join(proj, 'p.meso'), `import "link.meso"\nimport "shared/x.meso"\nimport "passwd.meso"\nimport "ok.meso"\n${PROTOCOL}`);
        const r = runMeso(['check', 'p.meso', '--format', 'json'], proj);
        finished(r, 1);
        expect(problems(r).map(p => [p.line, p.code, p.message])).toEqual([
            [1, 'import-unresolved', `Cannot import 'link.meso': ${join(proj, 'link.meso')} could not be read (its real path ${join(dir, 'outside/secret.meso')} is outside the project folder ${proj}).`],
            [2, 'import-unresolved', `Cannot import 'shared/x.meso': ${join(proj, 'shared/x.meso')} could not be read (its real path ${join(dir, 'outside/lib/x.meso')} is outside the project folder ${proj}).`],
            [3, 'import-unresolved', `Cannot import 'passwd.meso': ${join(proj, 'passwd.meso')} could not be read (its real path /etc/passwd is outside the project folder ${proj}).`]
        ]);
        expect(r.out).not.toMatch(/SECRET|root:/);
    });

    test('a folder or a glob that reaches a link out of the project: refused with the real path, exit 2, nothing read', () => {
        const { dir, proj } = project();
        for (const input of ['.', '**/*.meso', 'shared']) {
            const r = runMeso(['check', input], proj);
            finished(r, 2);
            expect(r.err).toMatch(new RegExp(`^meso: ${proj}/(link|passwd|shared/x)\\.meso: cannot read the file: its real path (${dir}/outside/|/etc/passwd)`));
            expect(r.out + r.err).not.toMatch(/SECRET|root:/);
        }
    });

    test('a link inside the project to a file inside it is followed (folder walk, glob and import)', () => {
        const dir = tempDir();
        files(dir, { 'formulary/lib.meso': lib('shared_sub'), 'p/p.meso': `import "lib.meso"\n${PROTOCOL}` });
        symlinkSync(join(dir, 'formulary/lib.meso'), join(dir, 'p/lib.meso'));
        for (const input of ['p', 'p/*.meso']) {
            const r = runMeso(['check', input], dir);
            finished(r, 0);
            expect(r.out).toBe('2 files checked: 0 errors, 0 warnings.\n');
        }
    });

    test('a folder link loop ends', () => {
        const dir = tempDir();
        files(dir, { 'a/p.meso': PROTOCOL });
        symlinkSync(join(dir, 'a'), join(dir, 'a/loop'));
        const r = runMeso(['check', 'a'], dir);
        finished(r, 0);
        expect(r.out).toBe('1 file checked: 0 errors, 0 warnings.\n');
    });
});

describe('the size limit per file (default 10 MB, --max-file-size)', () => {
    test('a file over the default limit is refused before it is read (a sparse 10,000,001-byte file)', () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'big.meso'), '');
        truncateSync(join(dir, 'big.meso'), 10_000_001);
        const r = runMeso(['check', 'big.meso'], dir);
        finished(r, 2);
        expect(r.err).toBe(`meso: ${join(dir, 'big.meso')}: cannot read the file: it is 10 MB, over the limit of 10 MB per file.\n`);
    });

    test('--max-file-size: named, imported, and a bad value', () => {
        const dir = tempDir();
        files(dir, { 'lib.meso': lib('x').padEnd(3000, ' '), 'p.meso': `import "lib.meso"\n${PROTOCOL}` });
        const named = runMeso(['check', 'lib.meso', '--max-file-size', '2kB'], dir);
        finished(named, 2);
        expect(named.err).toBe(`meso: ${join(dir, 'lib.meso')}: cannot read the file: it is 3 kB, over the limit of 2 kB per file.\n`);
        const imported = runMeso(['check', 'p.meso', '--max-file-size', '2kB', '--format', 'json'], dir);
        finished(imported, 1);
        expect(problems(imported)[0].message).toBe(`Cannot import 'lib.meso': ${join(dir, 'lib.meso')} could not be read (it is 3 kB, over the limit of 2 kB per file).`);
        expect(runMeso(['check', 'p.meso', '--max-file-size', '4kB'], dir).code).toBe(0);
        const bad = runMeso(['check', 'p.meso', '--max-file-size', 'huge'], dir);
        finished(bad, 2);
        expect(bad.err).toContain("option '--max-file-size <size>' argument 'huge' is invalid. expected a size such as 10MB, 500kB or 20000000 (bytes).");
    });
});
