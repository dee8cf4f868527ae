import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runMeso } from '../../src/cli/program.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';

const root = join(import.meta.dirname, '..', '..');

async function run(args: string[], cwd = root) {
    let out = '';
    let err = '';
    const previous = process.cwd();
    process.chdir(cwd);
    try {
        const code = await runMeso(args, { out: s => { out += s; }, err: s => { err += s; } });
        return { code, out, err };
    } finally {
        process.chdir(previous);
    }
}

function tempDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'meso-check-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}


describe('meso check (command function)', () => {
    test('the bundled examples are clean: exit 0 and a summary', async () => {
        const r = await run(['check', 'examples']);
        expect(r.code).toBe(0);
        expect(r.out).toBe('18 files checked: 0 errors, 0 warnings.\n'); // 9 and their Italian twins (examples/it/)
    });

    test('an overdose: exit 1 and path:line:col: severity code: message', async () => {
        const dir = tempDir({ 'p.meso': OVERDOSE_PROTOCOL });
        const r = await run(['check', 'p.meso'], dir);
        expect(r.code).toBe(1);
        expect(r.out.split('\n')[0]).toBe("p.meso:5:27: error overdose-session: 'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session (std: Feldene (piroxicam) capsules, US prescribing information (Pfizer, revised 2021), DailyMed setid dedef9e5-23de-49ff-895a-30906b5c7da3: 20 mg once a day; evidence: design).");
        expect(r.out).toContain('1 file checked: 1 error, 0 warnings.');
    });

    test('folders are searched recursively; imports outside the list are loaded and checked', async () => {
        const dir = tempDir({ 'a/lib.meso': 'substance foo { concentration 10 mg/mL max 5 mg per session source "t" }', 'b/deep/p.meso': 'import "../../a/lib.meso"\nprotocol p { indication pain skin test 2 days before first session mixture m { foo 1 mL } session s { inject m } schedule { phase a: 1 session of s every 7 days } }' });
        const r = await run(['check', 'b'], dir);
        expect(r.code).toBe(1);
        expect(r.out).toContain('b/deep/p.meso:2:');
        expect(r.out).toContain('overdose-session');
        expect(r.out).toContain('2 files checked');
    });

    test('a folder without .meso files: exit 2 with a message; with --no-error-on-unmatched-pattern exit 0 with a note', async () => {
        const dir = tempDir({ 'readme.txt': 'nothing' });
        const r = await run(['check', '.'], dir);
        expect(r).toEqual({ code: 2, out: '', err: "meso: no .meso files match '.' (nothing ignored by .gitignore or --ignore-pattern is searched); use --no-error-on-unmatched-pattern to allow it.\n" });
        const allowed = await run(['check', '.', '--no-error-on-unmatched-pattern'], dir);
        expect(allowed).toEqual({ code: 0, out: 'No .meso files found in ..\n', err: '' });
    });

    test('a missing path is exit 2 with a message, no stack trace', async () => {
        const r = await run(['check', 'no/such/file.meso']);
        expect(r.code).toBe(2);
        expect(r.err).toBe('meso: no/such/file.meso: no such file or folder.\n');
    });

    test('an unknown command is a usage error, exit 2', async () => {
        const r = await run(['chekc']);
        expect(r.code).toBe(2);
        expect(r.err).toContain("unknown command 'chekc'");
    });
});

describe('meso binary (smoke)', () => {
    const bin = join(root, 'bin', 'meso.cjs');
    const runBin = (args: string[], cwd = root) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
    // One warning: the skin test that the file's clinic policy asks for.
    const WARNING_ONLY = 'protocol w {\n    indication pain\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 2 sessions of s every 7 days }\n}\nrequire skin test\n';

    test('clean: exit 0', () => {
        const ok = runBin(['check', 'examples']);
        expect(ok.status).toBe(0);
        expect(ok.stdout).toBe('18 files checked: 0 errors, 0 warnings.\n');
    });

    test('errors: exit 1; warnings over --max-warnings: exit 1, within: exit 0', () => {
        const dir = tempDir({ 'p.meso': OVERDOSE_PROTOCOL, 'w/w.meso': WARNING_ONLY });
        expect(runBin(['check', join(dir, 'p.meso')]).status).toBe(1);
        expect(runBin(['check', join(dir, 'w'), '--max-warnings', '0']).status).toBe(1);
        expect(runBin(['check', join(dir, 'w'), '--max-warnings', '1']).status).toBe(0);
    });

    test('a folder is searched; a folder without .meso files is exit 2; no argument checks the current folder', () => {
        const dir = tempDir({ 'sub/deep/p.meso': OVERDOSE_PROTOCOL, 'empty/readme.txt': 'x' });
        expect(runBin(['check', join(dir, 'sub')]).status).toBe(1);
        const empty = runBin(['check', join(dir, 'empty')]);
        expect(empty.status).toBe(2);
        expect(empty.stderr).toBe(`meso: no .meso files match '${join(dir, 'empty')}' (nothing ignored by .gitignore or --ignore-pattern is searched); use --no-error-on-unmatched-pattern to allow it.\n`);
        const here = runBin(['check'], join(dir, 'sub'));
        expect(here.status).toBe(1);
        expect(here.stdout).toContain('deep/p.meso:5:27: error overdose-session');
    });

    test('usage errors and a missing file: exit 2, one line, no stack trace', () => {
        const usage = runBin(['check', '--format', 'xml']);
        expect(usage.status).toBe(2);
        expect(usage.stderr).toContain("argument 'xml' is invalid");
        const missing = runBin(['check', 'nope.meso']);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toBe('meso: nope.meso: no such file or folder.\n');
    });
});

describe('meso check: globs', () => {
    test('a glob pattern selects .meso files (** recursive); one that matches nothing is exit 2 unless allowed', async () => {
        const dir = tempDir({ 'a/one.meso': 'substance one { source "t" }', 'b/two.meso': 'substance two { source "t" }', 'b/skip.txt': 'x' });
        const r = await run(['check', 'b/*.meso'], dir);
        expect(r).toMatchObject({ code: 0, out: '1 file checked: 0 errors, 0 warnings.\n' });
        const all = await run(['check', '**/*.meso'], dir);
        expect(all.out).toBe('2 files checked: 0 errors, 0 warnings.\n');
        const none = await run(['check', 'c/*.meso'], dir);
        expect(none).toMatchObject({ code: 2, out: '', err: expect.stringContaining("meso: no .meso files match 'c/*.meso'") });
        const typo = await run(['check', 'b/*.meso', 'nomatch/**/*.meso'], dir);
        expect(typo).toMatchObject({ code: 2, out: '', err: expect.stringContaining("match 'nomatch/**/*.meso'") });
        const allowed = await run(['check', 'b/*.meso', 'nomatch/**/*.meso', '--no-error-on-unmatched-pattern'], dir);
        expect(allowed).toMatchObject({ code: 0, out: '1 file checked: 0 errors, 0 warnings.\n' });
    });
});
