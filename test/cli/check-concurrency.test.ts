import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';

// `meso check --concurrency N` splits the files over N threads (the built CLI, out/cli.cjs,
// run as worker threads): the output must be byte for byte what one thread prints, whatever
// the split, including files imported from several parts and the first unreadable file.

function run(args: string[]) {
    const r = spawnSync(process.execPath, [join(root, 'bin/meso.cjs'), 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The examples and the diagnostic fixtures (errors and warnings of every kind), and 40 protocols importing one formulary. */
function corpus(): string {
    const dir = tempDir('meso-threads-');
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(root, 'test/fixtures/diagnostics'), join(dir, 'fixtures'), { recursive: true });
    mkdirSync(join(dir, 'many'));
    writeFileSync(join(dir, 'many/formulary.meso'), 'substance zinc "Zinc" { class revitalizer concentration 2 mg/mL max 0.5 mg per session source "x" evidence design }\n');
    for (let i = 0; i < 40; i++) {
        writeFileSync(join(dir, `many/p${String(i).padStart(2, '0')}.meso`), `import "formulary.meso"
protocol p${i} "P${i}" {
    indication aesthetic
    mixture m { zinc ${1 + (i % 3)} mL
        saline 1 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`);
    }
    return dir;
}

describe('meso check --concurrency', () => {
    test('2 and 5 threads print what one thread prints, byte for byte, in text and JSON', () => {
        const dir = corpus();
        for (const format of ['text', 'json']) {
            const one = run([dir, '--no-gitignore', '--format', format, '--concurrency', 'off']);
            expect(one.code).toBe(1);
            expect(one.out.length).toBeGreaterThan(10_000);
            for (const n of ['2', '5']) expect({ n, ...run([dir, '--no-gitignore', '--format', format, '--concurrency', n]) }).toEqual({ n, ...one });
        }
    }, 240_000);

    test('an unreadable file is reported as one thread reports it', () => {
        // A FIFO in the last part: refused as not a regular file (root could read a file without permissions).
        const dir = corpus();
        rmSync(join(dir, 'many/p30.meso'));
        expect(spawnSync('mkfifo', [join(dir, 'many/p30.meso')]).status).toBe(0);
        const one = run([dir, '--no-gitignore', '--concurrency', 'off']);
        expect(one.code).toBe(2);
        expect(one.err).toContain('p30.meso: cannot read the file');
        expect(run([dir, '--no-gitignore', '--concurrency', '3'])).toEqual(one);
    }, 120_000);

    test('anything but auto, off or a positive whole number is a usage error', () => {
        for (const bad of ['0', '-1', 'two', '1.5']) {
            const r = run(['examples', '--concurrency', bad]);
            expect({ bad, code: r.code, err: r.err }).toEqual({ bad, code: 2, err: expect.stringContaining("expected 'auto', 'off' or a number of threads") });
        }
    }, 120_000);
});
