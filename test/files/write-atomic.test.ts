import { promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { temporaryOf } from '../../src/files/temporaries.js';
import { writeAllAtomically } from '../../src/files/write-atomic.js';
import { tempDir } from '../helpers/compile.js';

afterEach(() => { vi.restoreAllMocks(); });

describe('writing several outputs, all or none', () => {
    test('a rename failing after others succeeded puts the earlier targets back', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'a.json'), 'old a');
        writeFileSync(join(dir, 'c.json'), 'old c');
        const rename = fs.rename.bind(fs);
        let calls = 0;
        // The third rename (c.json) fails as a locked file does on Windows; a and b were replaced by then.
        vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
            if (String(to).endsWith('c.json') && ++calls === 1) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
            return rename(from, to);
        });
        await expect(writeAllAtomically(['a', 'b', 'c'].map(n => ({ path: join(dir, `${n}.json`), text: `new ${n}` }))))
            .rejects.toThrow(`cannot write ${join(dir, 'c.json')}: resource busy or locked (EBUSY).`);
        expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
        expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('old c');
        // b did not exist before: it is removed again; no temporary or backup is left.
        expect(readdirSync(dir).sort()).toEqual(['a.json', 'c.json']);
    });

    test('a write failing halfway leaves no temporary behind', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'a.json'), 'old a');
        // The second file's write fails after its temporary was created (as a full disk does).
        const open = fs.open.bind(fs);
        // The temporaries are written in parallel, so b.json's is picked by its name, not by order.
        const bTemporary = temporaryOf(join(dir, 'b.json'));
        vi.spyOn(fs, 'open').mockImplementation(async (file, flags) => {
            const handle = await open(file, flags);
            if (file === bTemporary) vi.spyOn(handle, 'writeFile').mockRejectedValue(Object.assign(new Error('full'), { code: 'ENOSPC' }));
            return handle;
        });
        await expect(writeAllAtomically(['a', 'b'].map(n => ({ path: join(dir, `${n}.json`), text: `new ${n}` }))))
            .rejects.toThrow(`cannot write ${join(dir, 'b.json')}: no space left on the device (ENOSPC).`);
        expect(readdirSync(dir)).toEqual(['a.json']);
        expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    });

    test('every target replaced whole when all goes well, no backup left', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'a.json'), 'old a');
        await writeAllAtomically(['a', 'b'].map(n => ({ path: join(dir, `${n}.json`), text: `new ${n}` })));
        expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
        expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new a');
    });
});
