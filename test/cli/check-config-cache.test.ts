import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';

// `meso check --cache` and `--concurrency` with a meso.config.json: the cache's key holds the
// configuration's settings and every file's entry the formularies' hashes (they are imports of
// every file), so an edit of either is a miss; worker threads apply the same configuration, so
// their output is byte for byte one thread's.

function run(dir: string, ...args: string[]) {
    const r = spawnSync(process.execPath, [join(root, 'bin/meso.cjs'), 'check', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
}

const FORMULARY = 'substance zinc "Zinc" { class revitalizer concentration 2 mg/mL max CAP mg per session source "Config cache test" evidence design }\n';
const CONFIG = '{ "formularies": ["formulary/clinic.meso"], "severities": { "unused": "error" } }\n';

/** A project: a configuration, its formulary (outside any import) and `count` protocols, each with an unused mixture. */
function project(count: number): string {
    const dir = tempDir('meso-config-cache-');
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'formulary'));
    writeFileSync(join(dir, 'formulary/clinic.meso'), FORMULARY.replace('CAP', '3'));
    writeFileSync(join(dir, 'meso.config.json'), CONFIG);
    for (let i = 1; i <= count; i++) {
        writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.meso`), `protocol p${i} "P${i}" {
    indication aesthetic
    mixture m { zinc ${1 + (i % 3)} mL
        saline 1 mL }
    mixture spare { saline 1 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`);
    }
    return dir;
}

function forge(file: string, edit: (body: string) => string): void {
    const text = readFileSync(file, 'utf8');
    const body = edit(text.slice(text.indexOf('\n') + 1));
    writeFileSync(file, `meso-check-cache 1 ${createHash('sha256').update(body).digest('hex')}\n${body}`);
}

describe('meso check with a project configuration', () => {
    test('--cache: a hit while nothing changed, a miss after an edit of the configuration or of its formulary', () => {
        const dir = project(3);
        const cold = run(dir, '--concurrency', 'off');
        expect(cold.code).toBe(1);
        expect(cold.out).toContain("p01.meso:5:13: error unused: Mixture 'spare' is never used.");
        expect(cold.out).toContain("p02.meso:3:22: error overdose-session: 'zinc' 6 mg in session 's' exceeds its maximum of 3 mg per session");
        expect(run(dir, '--cache')).toEqual(cold);
        const cache = join(dir, '.mesocache');
        const before = readFileSync(cache);
        expect(run(dir, '--cache')).toEqual(cold);
        expect(readFileSync(cache).equals(before)).toBe(true);
        // A well-formed cache saying something else is believed while nothing changed (it is read)...
        forge(cache, body => body.replace(/is never used/g, 'is never used, says the cache'));
        expect(run(dir, '--cache').out).toContain('says the cache');

        // ...and not once a severity changes: every file is checked again under the new settings.
        writeFileSync(join(dir, 'meso.config.json'), CONFIG.replace('"error"', '"info"'));
        const lowered = run(dir, '--cache');
        expect(lowered.out).not.toContain('says the cache');
        expect(lowered.out).toContain("p01.meso:5:13: info unused: Mixture 'spare' is never used.");
        expect(lowered).toEqual(run(dir, '--concurrency', 'off'));

        // The formulary is no one's import, yet every file sees it: its edit is a miss too.
        forge(cache, body => body.replace(/exceeds its maximum/g, 'exceeds, says the cache,'));
        writeFileSync(join(dir, 'formulary/clinic.meso'), FORMULARY.replace('CAP', '5'));
        const raised = run(dir, '--cache');
        expect(raised.out).not.toContain('says the cache');
        expect(raised.out).not.toContain('p01.meso:3:22');
        expect(raised.out).toContain("p02.meso:3:22: error overdose-session: 'zinc' 6 mg in session 's' exceeds its maximum of 5 mg per session");
        expect(raised).toEqual(run(dir, '--concurrency', 'off'));
    }, 120_000);

    test('--concurrency 2 and 3 apply the configuration as one thread does: the same output, byte for byte', () => {
        const dir = project(9);
        for (const format of ['text', 'json']) {
            const one = run(dir, '--format', format, '--concurrency', 'off');
            expect(one.code).toBe(1);
            expect(one.out).toContain(format === 'text' ? 'error unused' : '"severity": "error"');
            for (const n of ['2', '3']) expect({ n, ...run(dir, '--format', format, '--concurrency', n) }).toEqual({ n, ...one });
        }
    }, 120_000);
});
