import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, root, tempDir } from '../helpers/compile.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';


describe('meso compile', () => {
    test('a file with an error writes nothing and exits 1 with the diagnostics', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'broken.meso'), OVERDOSE_PROTOCOL);
        const r = await meso(['compile', join(dir, 'broken.meso'), '--out-dir', join(dir, 'out')]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('error overdose-session');
        expect(r.out).toContain('Nothing was written');
        expect(existsSync(join(dir, 'out'))).toBe(false);
        expect(readdirSync(dir)).toEqual(['broken.meso']);
    });

    test('an existing output file is left untouched by a failed compile', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'broken.meso'), OVERDOSE_PROTOCOL);
        writeFileSync(join(dir, 'p.json'), '{"old": true}\n');
        const r = await meso(['compile', join(dir, 'broken.meso')]);
        expect(r.code).toBe(1);
        expect(readFileSync(join(dir, 'p.json'), 'utf8')).toBe('{"old": true}\n');
    });

    test('an error in an imported file also stops compilation', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'lib.meso'), 'substance foo { concentration 5 mm source "x" }');
        writeFileSync(join(dir, 'p.meso'), 'import "lib.meso"\nprotocol p { indication pain skin test 2 days before first session mixture m { saline 1 mL } session s { inject m } schedule { phase a: 1 session of s every 7 days } }');
        const r = await meso(['compile', join(dir, 'p.meso'), '--out-dir', dir]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('lib.meso:1:');
        expect(existsSync(join(dir, 'p.json'))).toBe(false);
    });

    test('-o writes the one document there, atomically (no temporary file left)', async () => {
        const dir = tempDir();
        const r = await meso(['compile', join(root, 'examples/keloid.meso'), '-o', join(dir, 'k.json')]);
        expect(r.code).toBe(0);
        expect(JSON.parse(readFileSync(join(dir, 'k.json'), 'utf8')).protocol.id).toBe('keloid');
        expect(readdirSync(dir)).toEqual(['k.json']);
    });

    test('warnings are carried in the JSON', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'w.meso'), 'protocol w {\n    indication pain\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 2 sessions of s every 7 days }\n}\nrequire skin test\n');
        const r = await meso(['compile', join(dir, 'w.meso'), '--stdout']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.out).warnings).toEqual([{ code: 'missing-skin-test', line: 1, column: 10,
            message: expect.stringContaining("Protocol 'w' plans no skin test") }]);
    });

    test('usage errors exit 2: two output options, no input', async () => {
        expect((await meso(['compile', join(root, 'examples/keloid.meso'), '--stdout', '-o', 'x.json'])).code).toBe(2);
        expect((await meso(['compile'])).code).toBe(2);
        expect((await meso(['compile', 'missing.meso'])).err).toBe('meso: missing.meso: no such file or folder.\n');
    });
});
