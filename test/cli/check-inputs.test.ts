import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/compile.js';
import { files, lib, runMeso } from '../helpers/faults.js';

// Which files a folder or a glob gives: .gitignore respected by default, --ignore-pattern,
// --no-gitignore; a file named on the command line is always checked unless a pattern leaves it out.

function repository() {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    files(dir, {
        '.gitignore': 'build/\n*.draft.meso\n!keep.draft.meso\n',
        'protocols/a.meso': lib('a'),
        'protocols/b.draft.meso': 'NOT VALID MESO',
        'protocols/keep.draft.meso': lib('k'),
        'protocols/archive/.gitignore': 'old.meso\n',
        'protocols/archive/old.meso': 'NOT VALID MESO',
        'protocols/archive/new.meso': lib('n'),
        'build/archived.meso': 'NOT VALID MESO'
    });
    return dir;
}

const listed = (out: string) => out.trimEnd().split('\n').pop();

describe('.gitignore and --ignore-pattern', () => {
    test('a folder and a glob leave out what the .gitignore files of the repository ignore (nested ones and negations too)', () => {
        const dir = repository();
        for (const input of ['.', '**/*.meso', 'protocols']) {
            const r = runMeso(['check', input, '--format', 'json'], dir);
            expect(r.err).toBe('');
            expect(r.code, input).toBe(0);
        }
        const r = runMeso(['check', '.'], dir);
        expect(listed(r.out)).toBe('3 files checked: 0 errors, 0 warnings.');
    });

    test('the .gitignore of the repository applies when meso runs in a subfolder', () => {
        const dir = repository();
        const r = runMeso(['check', '.'], join(dir, 'protocols'));
        expect(r.out).toBe('3 files checked: 0 errors, 0 warnings.\n');
    });

    test('--no-gitignore searches everything; a file named on the command line is checked even when ignored', () => {
        const dir = repository();
        const all = runMeso(['check', '.', '--no-gitignore', '--format', 'json'], dir);
        expect(all.code).toBe(1);
        expect([...new Set((JSON.parse(all.out) as Array<{ file: string }>).map(p => p.file))].sort())
            .toEqual(['build/archived.meso', 'protocols/archive/old.meso', 'protocols/b.draft.meso']);
        const named = runMeso(['check', 'build/archived.meso'], dir);
        expect(named.code).toBe(1);
        expect(named.out).toContain('build/archived.meso:1:1: error');
    });

    test('--ignore-pattern (repeatable, gitignore syntax, relative to the current folder) applies to named files too', () => {
        const dir = repository();
        const r = runMeso(['check', '.', '--ignore-pattern', 'protocols/archive/', '--ignore-pattern', 'keep.*'], dir);
        expect(r.out).toBe('1 file checked: 0 errors, 0 warnings.\n');
        const named = runMeso(['check', 'protocols/a.meso', '--ignore-pattern', 'a.meso'], dir);
        expect(named).toMatchObject({ code: 2, out: '' });
        expect(named.err).toContain("meso: no .meso files match 'protocols/a.meso'");
    });

    test('an ignored folder named on the command line gives no files: exit 2 saying so', () => {
        const dir = repository();
        const r = runMeso(['check', 'build'], dir);
        expect(r).toMatchObject({ code: 2, out: '', err: "meso: no .meso files match 'build' (nothing ignored by .gitignore or --ignore-pattern is searched); use --no-error-on-unmatched-pattern to allow it.\n" });
    });
});
