import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, tempDir } from '../helpers/compile.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';

// Odd but legitimate text through the CLI: exit codes and 1-based positions as documented.

function fileWith(name: string, content: string): string {
    const dir = tempDir();
    writeFileSync(join(dir, name), content);
    return join(dir, name);
}

type Problem = { code: string; line: number; column: number; endLine: number; endColumn: number };
const where = (r: { out: string }) => (JSON.parse(r.out) as Problem[]).map(p => [p.code, p.line, p.column, p.endLine, p.endColumn]);

describe('odd text on the command line', () => {
    test('an empty file: checked, clean, exit 0', async () => {
        expect(await meso(['check', fileWith('empty.meso', '')])).toEqual({ code: 0, err: '', out: '1 file checked: 0 errors, 0 warnings.\n' });
    });

    test('an empty file has nothing to compile: exit 2 with a message, no file written', async () => {
        expect(await meso(['compile', fileWith('empty.meso', '')])).toEqual({ code: 2, out: '', err: 'meso: no protocol or patient plan to compile.\n' });
    });

    test('only comments: clean, exit 0', async () => {
        expect(await meso(['check', fileWith('c.meso', '// nothing\n/* at\n   all */\n')])).toEqual({ code: 0, err: '', out: '1 file checked: 0 errors, 0 warnings.\n' });
    });

    test.each([['CRLF', '\r\n'], ['CR', '\r'], ['LF', '\n']])('%s line endings: the overdose at 5:27–5:31', async (_name, eol) => {
        const r = await meso(['check', fileWith('e.meso', OVERDOSE_PROTOCOL.replace(/\n/g, eol)), '--format', 'json']);
        expect(r.code).toBe(1);
        expect(where(r)).toEqual([['overdose-session', 5, 27, 5, 31]]);
    });

    test('mixed line endings: the overdose at 5:27–5:31', async () => {
        const lines = OVERDOSE_PROTOCOL.split('\n');
        const text = lines.map((l, i) => i < lines.length - 1 ? l + ['\r\n', '\n', '\r'][i % 3] : l).join('');
        const r = await meso(['check', fileWith('m.meso', text), '--format', 'json']);
        expect(where(r)).toEqual([['overdose-session', 5, 27, 5, 31]]);
    });

    test('a 5 MB file with one error on its last line: found, placed, exit 1', async () => {
        const block = (i: number) => `substance s${i} "S ${i}" {\n    class anesthetic\n    concentration 2 %\n    max 100 mg per session\n    source "x"\n}\n`;
        const parts: string[] = [];
        for (let size = 0, i = 0; size < 5 * 1024 * 1024; i++) {
            parts.push(block(i));
            size += parts[i].length;
        }
        const r = await meso(['check', fileWith('big.meso', parts.join('') + 'substance last { concentration 5 mm source "x" }\n'), '--format', 'json']);
        expect(r.code).toBe(1);
        expect(where(r)).toEqual([['unit-mismatch', parts.length * 6 + 1, 34, parts.length * 6 + 1, 36]]);
    }, 300_000);

    test('a 1 MB line: an error at its end is at the right column', async () => {
        const line = `protocol p { indication pain skin test 2 days before first session ${'area "x" '.repeat(110_000)}patients from 5 mm }\n`;
        const r = await meso(['check', fileWith('long.meso', line), '--format', 'json']);
        expect(r.code).toBe(1);
        const column = line.indexOf('5 mm') + 3;
        expect(where(r)).toEqual([['unit-mismatch', 1, column, 1, column + 2]]);
    }, 300_000);
});
