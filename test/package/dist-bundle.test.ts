import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';
import { run } from '../helpers/child-process.js';

// dist/meso.cjs is the CLI in one committed file: the GitHub Action and the pre-commit hook run it
// from a clone, with no install and no build. `npm run build` writes it (scripts/build/bundle.mjs),
// and this test holds the committed file to that fresh build, so it cannot go stale.
const dist = join(root, 'dist', 'meso.cjs');

describe('dist/meso.cjs, the committed single-file CLI', { timeout: 60_000 }, () => {
    const dir = tempDir('meso-dist-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('is what git holds: the build of these sources (npm test builds before running this)', () => {
        const staged = run('git', ['show', ':dist/meso.cjs'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
        expect(staged.code, staged.err).toBe(0);
        // On a difference: `npm run build && git add dist/meso.cjs` (also after a rebase, where a
        // conflict in this file is resolved by building again, never by hand).
        const same = staged.out === readFileSync(dist, 'utf8');
        expect(same, 'dist/meso.cjs differs from what git holds: run npm run build and git add dist/meso.cjs').toBe(true);
    });

    test('is executable, for pre-commit\'s language: script', () => {
        const entry = run('git', ['ls-files', '--stage', 'dist/meso.cjs'], { cwd: root });
        expect(entry.out).toMatch(/^100755 /);
        expect(readFileSync(dist, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    });

    test('runs alone, in a folder with no node_modules: check, compile, explain', () => {
        copyFileSync(dist, join(dir, 'meso.cjs'));
        writeFileSync(join(dir, 'od.meso'), 'protocol od "x" {\n    indication pain\n    skin test 2 days before first session\n    mixture m { piroxicam 2 mL }\n    session s { inject m }\n    schedule { phase a: 1 session of s every 7 days }\n}\n');
        const check = run(process.execPath, ['meso.cjs', 'check', 'od.meso'], { cwd: dir });
        expect(check.code).toBe(1);
        expect(check.out).toMatch(/^od\.meso:4:27: error overdose-session: /);
        const compile = run(process.execPath, [join(dir, 'meso.cjs'), 'compile', join(root, 'examples/low-back-pain.meso'), '--stdout'], { cwd: root });
        const fromOut = run(process.execPath, ['bin/meso.cjs', 'compile', 'examples/low-back-pain.meso', '--stdout'], { cwd: root });
        expect(compile.code, compile.err).toBe(0);
        expect(compile.out).toBe(fromOut.out);
        expect(run(process.execPath, ['meso.cjs', 'explain', 'overdose-session'], { cwd: dir }).out).toMatch(/^## `overdose-session`/);
    });
});
