import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';
import { run, userEnv } from '../helpers/child-process.js';
import { classifyCiSnippet, readmeCiSnippets } from '../helpers/readme-ci.js';
import { clinicFiles, writeFiles } from './ci-fixtures.js';

// The pre-commit hook (.pre-commit-hooks.yaml) from a clone of this repository, as pre-commit
// itself runs it: Debian's pre-commit (.ci/run installs it), no network, no npm install, no build.
// The clone holds what git tracks (so no out/ and no node_modules), with the working tree's changes.

describe('the pre-commit hook', { timeout: 120_000 }, () => {
    const dir = tempDir('meso-pre-commit-');
    const clone = join(dir, 'meso clone');
    const work = join(dir, 'clinic');
    const git = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
    const env = userEnv({ ...git, PRE_COMMIT_HOME: join(dir, 'cache'), PRE_COMMIT_COLOR: 'never' });
    const sh = (cwd: string, cmd: string, ...args: string[]) => run(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });

    beforeAll(() => {
        const tracked = sh(root, 'git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard').out.split('\0').filter(Boolean);
        for (const file of tracked) {
            if (!existsSync(join(root, file))) continue;
            mkdirSync(dirname(join(clone, file)), { recursive: true });
            copyFileSync(join(root, file), join(clone, file));
            chmodSync(join(clone, file), statSync(join(root, file)).mode);
        }
        for (const [cwd, files] of [[clone, undefined], [work, clinicFiles]] as const) {
            if (files) writeFiles(cwd, files);
            expect(sh(cwd, 'git', 'init', '-q', '-b', 'main').code).toBe(0);
            expect(sh(cwd, 'git', 'add', '-A').code).toBe(0);
            expect(sh(cwd, 'git', 'commit', '-q', '-m', 'start').code).toBe(0);
        }
        expect(existsSync(join(clone, 'out')) || existsSync(join(clone, 'node_modules'))).toBe(false);
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('pre-commit is installed (Debian: apt-get install pre-commit; .ci/run does it)', () => {
        expect(sh(work, 'pre-commit', '--version').out).toMatch(/^pre-commit \d+\./);
    });

    test('try-repo <clone> meso-check --all-files: the errors of every staged .meso file fail it', () => {
        const r = sh(work, 'pre-commit', 'try-repo', clone, 'meso-check', '--all-files');
        expect(r.code, r.out + r.err).toBe(1);
        expect(r.out).toMatch(/^meso check\.+Failed$/m);
        for (const file of ['protocols/top.meso', 'protocols/knee/left/deep.meso', 'shared formulary/with space.meso', 'archive/old.meso']) {
            expect(r.out).toContain(`${file}:4:27: error overdose-session: 'piroxicam' 40 mg in session 's' exceeds`);
        }
        expect(r.out).toContain('protocols/knee/mid.meso:4:27: warning weight-unknown:');
        expect(r.out).not.toContain('notes.txt');
    });

    test('the README\'s .pre-commit-config.yaml passes on clean protocols and fails on an overdose', () => {
        const [config] = readmeCiSnippets().filter(s => classifyCiSnippet(s.text) === 'pre-commit-config');
        expect(config.text).toContain('repo: https://github.com/your-org/meso\n');
        // The clone stands for the repository the README names; everything else is the README's.
        writeFileSync(join(work, '.pre-commit-config.yaml'), config.text.replace('https://github.com/your-org/meso', JSON.stringify(clone)));
        expect(sh(work, 'git', 'add', '.pre-commit-config.yaml').code).toBe(0);
        const failing = sh(work, 'pre-commit', 'run', '--all-files');
        expect(failing.code, failing.out + failing.err).toBe(1);
        expect(failing.out).toContain("protocols/top.meso:4:27: error overdose-session: 'piroxicam' 40 mg");
        for (const file of ['protocols/top.meso', 'protocols/knee/left/deep.meso', 'shared formulary/with space.meso', 'archive/old.meso']) {
            expect(sh(work, 'git', 'rm', '-q', file).code).toBe(0);
        }
        const passing = sh(work, 'pre-commit', 'run', '--all-files');
        expect(passing.code, passing.out + passing.err).toBe(0);
        expect(passing.out).toMatch(/^meso check\.+Passed$/m);
    });
});
