import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { MesoTextRefusals } from '../../src/language/workspace/text-refusals.js';
import { MesoNodeFileSystemProvider } from '../../src/server/text-file-system.js';
import { tempDir } from '../helpers/compile.js';
import { mkfifo } from '../helpers/faults.js';

// The server reads workspace files through the CLI's reader: a FIFO, a device, a file over the
// size limit or a link out of the workspace reads as empty with a refusal saying why, never a hang.

function provider(folders?: string[]) {
    const p = new MesoNodeFileSystemProvider();
    p.refusals = new MesoTextRefusals();
    if (folders) p.projectFolders = () => folders;
    return p;
}

describe("the server's file system", () => {
    test('a FIFO and /dev/zero read as empty at once, each with its refusal', async () => {
        const dir = tempDir();
        mkfifo(join(dir, 'x.meso'));
        symlinkSync('/dev/zero', join(dir, 'zero.meso'));
        const p = provider();
        expect(await p.readFile(URI.file(join(dir, 'x.meso')))).toBe('');
        expect(p.refusals!.get(URI.file(join(dir, 'x.meso')))).toEqual({ ok: false, line: 0, character: 0, message: 'This file was not read: it is a FIFO (named pipe), not a regular file.' });
        expect(p.readFileSync(URI.file(join(dir, 'zero.meso')))).toBe('');
        expect(p.refusals!.get(URI.file(join(dir, 'zero.meso')))?.message).toBe('This file was not read: it is a device, not a regular file.');
    });

    test('a file over the size limit, and a link out of the workspace folders, are not read', () => {
        const dir = tempDir();
        const big = join(dir, 'big.meso');
        writeFileSync(big, '');
        truncateSync(big, 20_000_000);
        writeFileSync(join(dir, 'secret.meso'), 'SECRET');
        const ws = join(dir, 'ws');
        const p = provider([ws]);
        mkdirSync(ws);
        symlinkSync(join(dir, 'secret.meso'), join(ws, 'link.meso'));
        expect(p.readFileSync(URI.file(join(ws, 'link.meso')))).toBe('');
        expect(p.refusals!.get(URI.file(join(ws, 'link.meso')))?.message).toBe(`This file was not read: its real path ${join(dir, 'secret.meso')} is outside the project folder ${ws}.`);
        const unconfined = provider();
        expect(unconfined.readFileSync(URI.file(big))).toBe('');
        expect(unconfined.refusals!.get(URI.file(big))?.message).toBe('This file was not read: it is 20 MB, over the limit of 10 MB per file.');
        unconfined.maxBytes = 30_000_000;
        expect(unconfined.readFileSync(URI.file(big))).toBe('');
        expect(unconfined.refusals!.get(URI.file(big))?.message).toMatch(/^Not a text file: it holds a NUL byte/);
    });

    test('text is decoded as the CLI decodes it (BOM dropped); a missing file is an error, as in Langium', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'a.meso'), '\uFEFFsubstance a { source "t" }\n');
        const p = provider();
        expect(await p.readFile(URI.file(join(dir, 'a.meso')))).toBe('substance a { source "t" }\n');
        await expect(p.readFile(URI.file(join(dir, 'missing.meso')))).rejects.toThrow('no such file or folder');
    });
});
