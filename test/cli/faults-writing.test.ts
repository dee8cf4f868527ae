import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { tempDir, smallProtocol } from '../helpers/compile.js';
import { isRoot, mountTmpfs, remountReadOnly, runMeso, setImmutable, skipMessage, unmountAll, type Run } from '../helpers/faults.js';

// Fault injection, writing: a full disk, a read-only mount, an immutable folder, ids too long
// for a file name. Every failure is one plain line naming the path and the reason, exit 2,
// never `internal error`; what was there before stays as it was.

function plain(r: Run, code: number): void {
    expect(r.hung, `meso hung: ${r.out}${r.err}`).toBe(false);
    expect(r.err).not.toMatch(/\n\s+at |internal error/);
    expect(r.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(r.code).toBe(code);
}

/** `count` protocols of 1,000 sessions each: about 400 kB of JSON apiece. */
const bigProtocols = (count: number) => Array.from({ length: count }, (_, i) => smallProtocol(`p${i}`).replace('1 session of s', '1000 sessions of s')).join('');

skipMessage('fault injection on tmpfs mounts');

describe.skipIf(!isRoot)('a full disk, a read-only mount, an immutable folder (tmpfs, as root)', () => {
    afterAll(unmountAll);

    test('a full disk (64 kB tmpfs): one line, ENOSPC, exit 2, the folder left as it was', () => {
        const dir = tempDir();
        const out = mountTmpfs(tempDir(), 'size=64k');
        writeFileSync(join(out, 'keep.txt'), 'x');
        writeFileSync(join(dir, 'big.meso'), bigProtocols(2));
        const r = runMeso(['compile', 'big.meso', '--out-dir', out], dir);
        plain(r, 2);
        expect(r.err).toMatch(new RegExp(`^meso: cannot write ${out}/p[01]\\.json: no space left on the device \\(ENOSPC\\)\\.\\n$`));
        expect(readdirSync(out)).toEqual(['keep.txt']);
    });

    test('a read-only mount holding a previous output: a failing compile cannot remove it and says so (EROFS)', () => {
        const dir = tempDir();
        const out = mountTmpfs(tempDir());
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        plain(runMeso(['compile', 'p.meso', '--out-dir', out], dir), 0);
        remountReadOnly(out);
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p').replace('saline', 'salin'));
        const r = runMeso(['compile', 'p.meso', '--out-dir', out], dir);
        plain(r, 2);
        expect(r.err).toBe(`meso: cannot remove the out-of-date ${join(out, 'p.json')}: read-only file system (EROFS).\n`);
        expect(JSON.parse(readFileSync(join(out, 'p.json'), 'utf8')).protocol.id).toBe('p');
        // A successful compile into it: the write is refused the same way.
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p', 'v2'));
        const write = runMeso(['compile', 'p.meso', '--out-dir', out], dir);
        plain(write, 2);
        expect(write.err).toBe(`meso: cannot write ${join(out, 'p.json')}: read-only file system (EROFS).\n`);
    });

    test('an immutable folder (chattr +i) with a previous output: EPERM, the output unchanged', () => {
        const dir = tempDir();
        const out = mountTmpfs(tempDir());
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        plain(runMeso(['compile', 'p.meso', '--out-dir', out], dir), 0);
        const before = readFileSync(join(out, 'p.json'), 'utf8');
        setImmutable(out, true);
        try {
            writeFileSync(join(dir, 'p.meso'), smallProtocol('p', 'v2'));
            const r = runMeso(['compile', 'p.meso', '--out-dir', out], dir);
            plain(r, 2);
            expect(r.err).toBe(`meso: cannot write ${join(out, 'p.json')}: operation not permitted (EPERM).\n`);
            expect(readFileSync(join(out, 'p.json'), 'utf8')).toBe(before);
        } finally {
            setImmutable(out, false);
        }
    });
});

describe('ids too long for a file name', () => {
    const protocolNamed = (id: string) => smallProtocol(id);
    const bytes = (s: string) => Buffer.byteLength(s);

    test('a 250-character id fits (255 bytes with .json); longer ones keep their start plus a hash, at 255 bytes', () => {
        const dir = tempDir();
        const fits = 'a'.repeat(250);
        const long = 'b'.repeat(300);
        const accented = 'é'.repeat(200);
        writeFileSync(join(dir, 'p.meso'), [fits, long, accented].map(protocolNamed).join('')
            + `patient ${'c'.repeat(250)} { weight 70 kg follows ${fits} from 2026-01-05 }\n`);
        const r = runMeso(['compile', 'p.meso', '--out-dir', 'out'], dir);
        plain(r, 0);
        const written = readdirSync(join(dir, 'out')).sort();
        expect(written).toHaveLength(4);
        expect(written).toContain(`${fits}.json`);
        for (const name of written) expect(bytes(name)).toBeLessThanOrEqual(255);
        const short = (start: string, suffix: string) => written.find(n => n.startsWith(start) && n.endsWith(suffix) && /-[0-9a-f]{16}\./.test(n));
        expect(bytes(short('bbb', '.json')!)).toBe(255);
        expect(short('ééé', '.json')).toMatch(/^(é){116}-[0-9a-f]{16}\.json$/);
        expect(short('ccc', '.plan.json')).toMatch(/^c{228}-[0-9a-f]{16}\.plan\.json$/);
        // The document keeps the whole id.
        expect(JSON.parse(readFileSync(join(dir, 'out', short('bbb', '.json')!), 'utf8')).protocol.id).toBe(long);
        // A failed compile finds the shortened outputs as its previous ones and removes them.
        writeFileSync(join(dir, 'p.meso'), protocolNamed(long).replace('saline', 'salin'));
        const failed = runMeso(['compile', 'p.meso', '--out-dir', 'out'], dir);
        plain(failed, 1);
        expect(failed.out).toContain(`removed out-of-date out/${short('bbb', '.json')}`);
    });
});
