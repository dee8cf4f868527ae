import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, tempDir } from '../helpers/compile.js';

// `meso check --cache`: a file's results are reused only while it and everything it imports
// hash as when they were checked; the output of a run from the cache is the output of a cold
// run, byte for byte; a damaged, truncated, foreign or stale cache is ignored and rewritten.

const FORMULARY = `substance zinc "Zinc" {
    class revitalizer
    concentration 2 mg/mL
    max CAP mg per session
    source "Cache test" evidence design
}
`;

const protocol = (name: string, extra = '') => `import "formulary.meso"
${extra}
protocol ${name} "${name}" {
    indication aesthetic
    area "face"
    patients from 50 kg
    mixture mix {
        zinc 1 mL
        saline 1 mL
    }
    technique tech {
        needle 32G 4 mm
        depth 1.5 mm
        0.05 mL per point
        20 points
    }
    session visit {
        inject mix using tech
        duration 10 min
    }
    schedule {
        phase treatment: 3 sessions of visit every 7 days
    }
}
`;

/** A project of a formulary and three protocols; `a` also imports a file that does not exist yet. */
function project(cap = '40'): string {
    const dir = tempDir('meso-check-cache-');
    writeFileSync(join(dir, 'formulary.meso'), FORMULARY.replace('CAP', cap));
    writeFileSync(join(dir, 'a.meso'), protocol('pa', 'import "later.meso"'));
    writeFileSync(join(dir, 'b.meso'), protocol('pb'));
    writeFileSync(join(dir, 'c.meso'), protocol('pc', 'substance zinc "Zinc again" { class revitalizer source "x" evidence design }'));
    return dir;
}

async function check(dir: string, ...args: string[]) {
    return meso(['check', dir, ...args]);
}

const cacheArgs = (dir: string) => ['--cache', '--cache-location', join(dir, 'results.cache')];

/** The cache file with its checksum line made right for `body` (a forged but well-formed cache). */
function rewriteBody(file: string, edit: (body: string) => string): void {
    const text = readFileSync(file, 'utf8');
    const body = edit(text.slice(text.indexOf('\n') + 1));
    writeFileSync(file, `meso-check-cache 1 ${createHash('sha256').update(body).digest('hex')}\n${body}`);
}

describe('meso check --cache', () => {
    test('a run from the cache prints what a cold run prints, byte for byte, in every format', async () => {
        const dir = project();
        for (const format of ['text', 'json', 'sarif', 'junit']) {
            const cold = await check(dir, '--format', format);
            const first = await check(dir, '--format', format, ...cacheArgs(dir));
            const cached = await check(dir, '--format', format, ...cacheArgs(dir));
            expect(cold.out).toContain(format === 'text' ? 'duplicate-name' : 'duplicate');
            expect(first).toEqual(cold);
            expect(cached).toEqual(cold);
        }
    });

    test('the results of an unchanged file come from the cache', async () => {
        const dir = project();
        await check(dir, ...cacheArgs(dir));
        const file = join(dir, 'results.cache');
        const before = readFileSync(file);
        const again = await check(dir, ...cacheArgs(dir));
        // Nothing changed: the cache is not even rewritten.
        expect(readFileSync(file).equals(before)).toBe(true);
        // A well-formed cache saying something else of an unchanged file is believed (the proof that it is read)...
        rewriteBody(file, body => body.replace(/is declared more than once/g, 'is declared twice, says the cache'));
        expect((await check(dir, ...cacheArgs(dir))).out).toContain("'zinc' is declared twice, says the cache");
        // ...and forgotten once the file changes.
        appendFileSync(join(dir, 'c.meso'), '// edited\n');
        const edited = await check(dir, ...cacheArgs(dir));
        expect(edited.out).not.toContain('says the cache');
        expect(edited.out).toBe(again.out);
    });

    test('a file is checked again when a file it imports changes, or an import it missed appears', async () => {
        const dir = project();
        await check(dir, ...cacheArgs(dir));
        writeFileSync(join(dir, 'formulary.meso'), FORMULARY.replace('CAP', '0.1'));
        const lowered = await check(dir, ...cacheArgs(dir));
        expect(lowered.out).toContain("'zinc' 1 mg in session 'visit' exceeds its maximum of 0.1 mg per session");
        expect(lowered).toEqual(await check(dir));
        expect(lowered.out).toContain("Cannot import 'later.meso'");
        writeFileSync(join(dir, 'later.meso'), '// now it exists\n');
        const appeared = await check(dir, ...cacheArgs(dir));
        expect(appeared.out).not.toContain("Cannot import 'later.meso'");
        expect(appeared).toEqual(await check(dir));
    });

    test('a damaged, truncated, foreign or stale cache is ignored and rewritten', async () => {
        const dir = project();
        const cold = await check(dir);
        const file = join(dir, 'results.cache');
        await check(dir, ...cacheArgs(dir));
        const good = readFileSync(file);
        const flipped = Buffer.from(good);
        flipped[flipped.length - 40] ^= 0x01;
        const variants: Record<string, Buffer | string> = {
            damaged: flipped,
            truncated: good.subarray(0, Math.floor(good.length / 2)),
            headerOnly: good.subarray(0, good.indexOf(0x0a) + 1),
            empty: '',
            foreignJson: '{"files":{}}',
            foreignBinary: Buffer.from([0, 1, 2, 255, 254, 0x0a, 7]),
            eslintCache: '[{"/x.js":"1"},{"size":1}]'
        };
        for (const [name, bytes] of Object.entries(variants)) {
            writeFileSync(file, bytes);
            expect({ name, ...(await check(dir, ...cacheArgs(dir))) }).toEqual({ name, ...cold });
            expect({ name, rewritten: readFileSync(file).equals(good) }).toEqual({ name, rewritten: true });
        }
        // Well-formed but with an entry of the wrong shape, or made under another configuration: not used.
        rewriteBody(file, body => body.replace(/"line":\d+/, '"line":"one"'));
        expect(await check(dir, ...cacheArgs(dir))).toEqual(cold);
        expect(readFileSync(file).equals(good)).toBe(true);
        rewriteBody(file, body => body.replace(/is declared more than once/g, 'stale'));
        writeFileSync(join(dir, 'meso.config.json'), '{}\n');
        expect((await check(dir, ...cacheArgs(dir))).out).not.toContain('stale');
    });

    test('--cache-location may name a folder; the cache is .mesocache inside it', async () => {
        const dir = project();
        mkdirSync(join(dir, 'cache'));
        const r = await check(dir, '--cache', '--cache-location', join(dir, 'cache'));
        expect(r.code).toBe(1);
        expect(readFileSync(join(dir, 'cache', '.mesocache'), 'utf8')).toMatch(/^meso-check-cache 1 [0-9a-f]{64}\n\{"key":"[0-9a-f]{64}","files":\{/);
    });
});
