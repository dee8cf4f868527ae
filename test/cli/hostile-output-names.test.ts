import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { outputFileName } from '../../src/compiler/compile-document.js';
import { meso, tempDir, smallProtocol } from '../helpers/compile.js';

// A failed `meso compile` leaves no previous output looking current, and output file names
// come from declaration names only (identifiers), never from a path.

describe('a compile that fails leaves no output looking current', () => {
    test('the previous outputs of the files named are removed and listed; other files stay', async () => {
        const dir = tempDir();
        const out = join(dir, 'out');
        writeFileSync(join(dir, 'two.meso'), smallProtocol('alpha') + smallProtocol('beta'));
        expect((await meso(['compile', join(dir, 'two.meso'), '--out-dir', out])).code).toBe(0);
        writeFileSync(join(out, 'notes.json'), '{"format": "meso-protocol", "protocol": {"id": "notes"}}\n');
        // 'second' now overdoses: the run fails, and first.json would be stale as well as second.json.
        writeFileSync(join(dir, 'two.meso'), smallProtocol('alpha', 'v2') + smallProtocol('beta').replace('saline 1 mL', 'piroxicam 2 mL'));
        const r = await meso(['compile', join(dir, 'two.meso'), '--out-dir', out]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('error overdose-session');
        expect(r.out).toMatch(/removed out-of-date \S*out\/alpha\.json\n/);
        expect(r.out).toMatch(/removed out-of-date \S*out\/beta\.json\n/);
        expect(r.out.endsWith('Nothing was written: fix the errors above first.\n')).toBe(true);
        expect(readdirSync(out)).toEqual(['notes.json']);
    });

    test('a file at the target that is not that protocol\'s output is left alone', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p').replace('saline 1 mL', 'piroxicam 2 mL'));
        const other = '{"format": "meso-protocol", "protocol": {"id": "someone_else"}}\n';
        writeFileSync(join(dir, 'p.json'), other);
        writeFileSync(join(dir, 'keep.json'), '{"format": "meso-protocol", "protocol": {"id": "p"}}\n');
        const r = await meso(['compile', join(dir, 'p.meso')]);
        expect(r.code).toBe(1);
        expect(r.out).not.toContain('removed');
        expect(readFileSync(join(dir, 'p.json'), 'utf8')).toBe(other);
        // -o names the one target: a Meso output of that protocol there is removed.
        const o = await meso(['compile', join(dir, 'p.meso'), '-o', join(dir, 'keep.json')]);
        expect(o.code).toBe(1);
        expect(existsSync(join(dir, 'keep.json'))).toBe(false);
    });

    test('a file that is no longer UTF-8 still loses its previous output (its declarations are read leniently)', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'q.meso'), smallProtocol('q'));
        expect((await meso(['compile', join(dir, 'q.meso')])).code).toBe(0);
        // Re-saved as Latin-1: not parsed at all, so only the text names the protocol.
        writeFileSync(join(dir, 'q.meso'), Buffer.from(smallProtocol('q', 'caf\u00e9'), 'latin1'));
        const r = await meso(['compile', join(dir, 'q.meso')]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('error not-text');
        expect(r.out).toMatch(/removed out-of-date \S*q\.json\n/);
        expect(readdirSync(dir)).toEqual(['q.meso']);
    });

    test('--stdout removes nothing', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        expect((await meso(['compile', join(dir, 'p.meso')])).code).toBe(0);
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p').replace('saline 1 mL', 'piroxicam 2 mL'));
        expect((await meso(['compile', join(dir, 'p.meso'), '--stdout'])).code).toBe(1);
        expect(existsSync(join(dir, 'p.json'))).toBe(true);
    });
});

describe('output paths come from names only', () => {
    test('a protocol "named" with a path is a syntax error and nothing is written anywhere', async () => {
        const dir = tempDir();
        mkdirSync(join(dir, 'src'));
        writeFileSync(join(dir, 'src/p.meso'), smallProtocol('x').replace('protocol x', 'protocol ../../escaped'));
        const r = await meso(['compile', join(dir, 'src/p.meso'), '--out-dir', join(dir, 'src/out')]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('error syntax-error');
        expect(readdirSync(dir)).toEqual(['src']);
        expect(readdirSync(join(dir, 'src'))).toEqual(['p.meso']);
    });

    test.each(['../x', 'a/b', 'a\\b', 'a.b', '.', '', 'x\0y'])('%j cannot name an output file', name => {
        expect(outputFileName('protocol', name)).toBeUndefined();
        expect(outputFileName('plan', name)).toBeUndefined();
    });

    test('identifiers name output files', () => {
        expect(outputFileName('protocol', 'low_back_pain')).toBe('low_back_pain.json');
        expect(outputFileName('plan', 'Rossi_µ2')).toBe('Rossi_µ2.plan.json');
    });

    test('names differing only in case clash (they are one file on macOS and Windows), exit 2', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'c.meso'), smallProtocol('knee') + smallProtocol('Knee'));
        const r = await meso(['compile', join(dir, 'c.meso'), '--out-dir', join(dir, 'out')]);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/^meso: two documents would be written to .*out\/(knee|Knee)\.json: protocol and patient names must be unique\.\n$/);
        expect(existsSync(join(dir, 'out'))).toBe(false);
    });
});

