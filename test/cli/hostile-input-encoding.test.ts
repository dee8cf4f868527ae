import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, tempDir } from '../helpers/compile.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';

// Bytes that are not UTF-8 text get one located `not-text` error, never a flood of syntax
// errors made of replacement characters, never a stack trace, and never an output file.

const CLEAN = 'protocol p {\n    indication pain\n    skin test 2 days before first session\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 1 session of s every 7 days }\n}\n';

function write(dir: string, name: string, content: string | Buffer): string {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
}

describe('file encodings on the command line', () => {
    test('a byte order mark is ignored: columns as without it', async () => {
        const dir = tempDir();
        const file = write(dir, 'bom.meso', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(OVERDOSE_PROTOCOL)]));
        const r = await meso(['check', file, '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.out).map((p: { code: string; line: number; column: number }) => [p.code, p.line, p.column])).toEqual([['overdose-session', 5, 27]]);
    });

    test('a file with a BOM compiles like one without', async () => {
        const dir = tempDir();
        const plain = await meso(['compile', write(dir, 'a.meso', CLEAN), '--stdout']);
        const withBom = await meso(['compile', write(dir, 'b.meso', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN)])), '--stdout']);
        expect(withBom.code).toBe(0);
        expect(withBom.out).toBe(plain.out);
    });

    test('a Latin-1 file: one not-text error at the bad byte, exit 1', async () => {
        const dir = tempDir();
        const file = write(dir, 'latin1.meso', Buffer.concat([Buffer.from('protocol p {\r\n    area "genou gauche, c'), Buffer.from([0xf4]), Buffer.from('t\xe9"\r\n}\r\n', 'latin1')]));
        const r = await meso(['check', file], {});
        expect(r.code).toBe(1);
        expect(r.err).toBe('');
        expect(r.out.split('\n')[0]).toMatch(/latin1\.meso:2:26: error not-text: Not a UTF-8 text file: byte 0xF4 here is not valid UTF-8\. Save the file as UTF-8\.$/);
        expect(r.out).toContain('1 file checked: 1 error, 0 warnings.');
    });

    test('a NUL byte: one not-text error, exit 1', async () => {
        const dir = tempDir();
        const file = write(dir, 'nul.meso', 'protocol p {\0\n}\n');
        const r = await meso(['check', file, '--format', 'json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.out)).toEqual([{
            file: expect.stringMatching(/nul\.meso$/), severity: 'error', code: 'not-text', line: 1, column: 13, endLine: 1, endColumn: 14,
            message: 'Not a text file: it holds a NUL byte here (binary data?). A .meso file is UTF-8 text.'
        }]);
    });

    test('random binary data named .meso: exactly one error, and other files are still checked', async () => {
        const dir = tempDir();
        // A PNG header (0x89 is not valid UTF-8 at the start) then random bytes.
        write(dir, 'image.meso', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]));
        write(dir, 'good.meso', OVERDOSE_PROTOCOL);
        const r = await meso(['check', dir, '--format', 'json']);
        expect(r.code).toBe(1);
        const problems = JSON.parse(r.out) as Array<{ file: string; code: string; line: number; column: number }>;
        expect(problems.map(p => [p.file.split('/').pop(), p.code, p.line, p.column])).toEqual([
            ['good.meso', 'overdose-session', 5, 27],
            ['image.meso', 'not-text', 1, 1]
        ]);
    });

    test('an imported binary file fails the importer\'s compile, and nothing is written', async () => {
        const dir = tempDir();
        write(dir, 'lib.meso', Buffer.from([0x00, 0x01, 0x02, 0xff]));
        const main = write(dir, 'main.meso', `import "lib.meso"\n${CLEAN}`);
        const r = await meso(['compile', main, '--out-dir', join(dir, 'out')]);
        expect(r.code).toBe(1);
        expect(r.out).toContain('lib.meso:1:1: error not-text: Not a text file');
        expect(r.out).toContain('Nothing was written');
        expect(existsSync(join(dir, 'out'))).toBe(false);
        expect(readdirSync(dir).sort()).toEqual(['lib.meso', 'main.meso']);
    });
});
