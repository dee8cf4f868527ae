// Every English example has an Italian twin under examples/it/, written with the Italian keywords
// and units (src/language/i18n/italian-keywords.ts): it checks the same (clean, the same codes)
// and compiles to byte-identical JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, root, tempDir } from './helpers/compile.js';

const english = join(root, 'examples');
const italian = join(english, 'it');
const mesoFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.meso')).map(f => join(dir, f));
const englishFiles = mesoFiles(english).filter(f => !f.startsWith(italian + '/')).map(f => relative(english, f)).sort();

async function compiled(dir: string, ignore: string[]): Promise<Record<string, string>> {
    const out = tempDir('meso-twin-');
    const r = await meso(['compile', dir, '--out-dir', out, ...ignore.flatMap(i => ['--ignore-pattern', i])]);
    expect(r.code, r.out + r.err).toBe(0);
    return Object.fromEntries(readdirSync(out).sort().map(f => [f, readFileSync(join(out, f), 'utf8')]));
}

describe('the Italian twins of the examples', () => {
    test('every English example has a twin, and no twin lacks an original', () => {
        expect(mesoFiles(italian).map(f => relative(italian, f)).sort()).toEqual(englishFiles);
    });

    test.each(englishFiles)('%s is written in Italian keywords', file => {
        const text = readFileSync(join(italian, file), 'utf8').replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(\\.|[^"\\])*"/g, '');
        const words = new Set(text.match(/[a-zA-Zàèéìòù]+/g));
        for (const english of ['protocol', 'session', 'mixture', 'technique', 'substance', 'class', 'patient', 'every', 'days']) expect(words.has(english), english).toBe(false);
    });

    test('they check the same as the English ones: clean', async () => {
        const r = await meso(['check', italian, '--format', 'json']);
        expect(JSON.parse(r.out)).toEqual([]);
        expect(r.code).toBe(0);
    });

    test('they compile to byte-identical JSON', async () => {
        const en = await compiled(english, ['examples/it']);
        const it = await compiled(italian, []);
        expect(Object.keys(it)).toEqual(Object.keys(en));
        expect(Object.keys(en).length).toBeGreaterThanOrEqual(7);
        for (const name of Object.keys(en)) expect(it[name], name).toBe(en[name]);
    });
});
