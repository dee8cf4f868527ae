import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ownerMark } from '../../src/files/temporaries.js';
import { meso, root, tempDir, smallProtocol } from '../helpers/compile.js';

const TEMPORARY = /^\.[0-9a-f]{16}\.[0-9]+-[0-9]+-[0-9a-f]{8}\.meso-tmp$/;

// What `meso compile` leaves on disk when it is killed mid-write or cannot write: the old
// file or the new complete one, never a partial one, and a clear message with exit 2.

const bin = join(root, 'bin/meso.cjs');

/** `count` protocols of 1,000 sessions each: about 400 kB of JSON apiece. */
function bigProtocols(count: number, title: string): string {
    return Array.from({ length: count }, (_, i) => `protocol p${i} "${title}" {
    indication aesthetic
    skin test 2 days before first session
    mixture m { saline 2 mL }
    session s { inject m }
    schedule { phase a: 1000 sessions of s every 7 days }
}
`).join('');
}

/** Compiles into a fresh folder and returns its files' text by name. */
async function compiledTexts(source: string): Promise<Record<string, string>> {
    const dir = tempDir();
    writeFileSync(join(dir, 'src.meso'), source);
    const r = await meso(['compile', join(dir, 'src.meso'), '--out-dir', join(dir, 'out')]);
    if (r.code !== 0) throw new Error(r.out + r.err);
    return Object.fromEntries(readdirSync(join(dir, 'out')).map(f => [f, readFileSync(join(dir, 'out', f), 'utf8')]));
}

describe('a compile killed mid-write', () => {
    test('SIGKILL while writing 8 MB: every target is the old file or the new complete one; the next run removes the temporaries', async () => {
        const oldTexts = await compiledTexts(bigProtocols(20, 'old'));
        const newTexts = await compiledTexts(bigProtocols(20, 'new'));
        const dir = tempDir();
        const out = join(dir, 'out');
        mkdirSync(out);
        for (const [name, text] of Object.entries(oldTexts)) writeFileSync(join(out, name), text);
        writeFileSync(join(dir, 'big.meso'), bigProtocols(20, 'new'));

        const child = spawn(process.execPath, [bin, 'compile', 'big.meso', '--out-dir', 'out'], { cwd: dir, stdio: 'ignore' });
        const exited = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)));
        // Kill as soon as the first temporary appears: mid-way through the writes.
        let sawTemporary = false;
        while (child.exitCode === null && child.signalCode === null) {
            if (readdirSync(out).some(f => f.endsWith('.meso-tmp'))) {
                sawTemporary = true;
                child.kill('SIGKILL');
                break;
            }
            await new Promise(resolve => setImmediate(resolve));
        }
        const signal = await exited;
        expect(sawTemporary, 'the compile ended before any temporary was seen').toBe(true);
        expect(signal).toBe('SIGKILL');

        for (const name of Object.keys(oldTexts)) {
            const text = readFileSync(join(out, name), 'utf8');
            expect([oldTexts[name], newTexts[name]]).toContain(text);
        }
        const leftovers = readdirSync(out).filter(f => f.endsWith('.meso-tmp'));
        expect(leftovers.length).toBeGreaterThan(0);
        expect(leftovers.every(f => TEMPORARY.test(f))).toBe(true);

        // The next run fails on an error and still removes them (it used to leave them).
        writeFileSync(join(dir, 'big.meso'), bigProtocols(20, 'new').replace('saline 2 mL', 'salin 2 mL'));
        const failing = spawnSync(process.execPath, [bin, 'compile', 'big.meso', '--out-dir', 'out'], { cwd: dir, encoding: 'utf8' });
        expect(failing.status).toBe(1);
        expect(readdirSync(out).filter(f => f.startsWith('.'))).toEqual([]);
        writeFileSync(join(dir, 'big.meso'), bigProtocols(20, 'new'));
        const again = spawnSync(process.execPath, [bin, 'compile', 'big.meso', '--out-dir', 'out'], { cwd: dir, encoding: 'utf8' });
        expect(again.status).toBe(0);
        expect(readdirSync(out).sort()).toEqual(Object.keys(newTexts).sort());
        for (const [name, text] of Object.entries(newTexts)) expect(readFileSync(join(out, name), 'utf8')).toBe(text);
    }, 120_000);

    test('a temporary is owned by pid, start time and boot: a reused pid does not keep a dead run\'s temporaries; a live owner\'s stay, and so do folders and other names', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'a.meso'), smallProtocol('a'));
        const own = ownerMark();
        const [pid, start, boot] = own.split('-');
        const names = {
            // This test's process is alive, with this start time: its temporaries stay.
            live: `.0123456789abcdef.${own}.meso-tmp`,
            // The same pid (alive), another start time: a dead run whose pid was reused.
            reused: `.0123456789abcdef.${pid}-${Number(start) + 1}-${boot}.meso-tmp`,
            reusedOld: `.0123456789abcdef.${pid}-${Number(start) + 1}-${boot}.meso-old`,
            // Another boot: whatever the pid, the owner is gone.
            otherBoot: `.0123456789abcdef.${pid}-${start}-${boot === 'ffffffff' ? '00000001' : 'ffffffff'}.meso-tmp`,
            folder: `.0123456789abcdef.999999999-1-${boot}.meso-tmp`,
            other: 'a.json.999999999.tmp'
        };
        for (const [key, name] of Object.entries(names)) {
            if (key === 'folder') mkdirSync(join(dir, name));
            else writeFileSync(join(dir, name), 'x');
        }
        const r = await meso(['compile', join(dir, 'a.meso')]);
        expect(r).toMatchObject({ code: 0, err: '' });
        expect(readdirSync(dir).sort()).toEqual([names.live, names.folder, 'a.json', 'a.meso', names.other].sort());
        expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).protocol.id).toBe('a');
    });
});

describe('unwritable destinations: a clear message and exit 2, even as root', () => {
    test('a later target that is a folder: nothing is replaced, not even the earlier targets', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'src.meso'), smallProtocol('a', 'new') + smallProtocol('b', 'new'));
        mkdirSync(join(dir, 'out/b.json'), { recursive: true });
        writeFileSync(join(dir, 'out/a.json'), 'old a');
        const r = await meso(['compile', join(dir, 'src.meso'), '--out-dir', join(dir, 'out')]);
        expect(r).toEqual({ code: 2, out: '', err: `meso: cannot write ${join(dir, 'out/b.json')}: it is a folder (EISDIR).\n` });
        expect(readFileSync(join(dir, 'out/a.json'), 'utf8')).toBe('old a');
        expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'b.json']);
    });

    test('--out-dir under a regular file (ENOTDIR)', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        writeFileSync(join(dir, 'afile'), 'x');
        const r = await meso(['compile', join(dir, 'p.meso'), '--out-dir', join(dir, 'afile/out')]);
        expect(r).toEqual({ code: 2, out: '', err: `meso: cannot create the folder ${join(dir, 'afile/out')}: a part of the path is a file, not a folder (ENOTDIR).\n` });
    });

    // A read-only folder: a read-only tmpfs mount when the tests run as root (permission bits
    // do not stop root), else a folder without write permission.
    const mounted: string[] = [];
    afterAll(() => { for (const m of mounted) spawnSync('umount', [m]); });

    function readOnlyFolder(): { folder: string; reason: string } {
        const folder = tempDir();
        if (process.getuid?.() === 0) {
            const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', folder], { encoding: 'utf8' });
            if (r.status !== 0) throw new Error(`as root, a read-only tmpfs mount is needed for this test: ${r.stderr}`);
            mounted.push(folder);
            return { folder, reason: 'read-only file system (EROFS)' };
        }
        chmodSync(folder, 0o555);
        return { folder, reason: 'permission denied (EACCES)' };
    }

    test('--out-dir on a read-only folder: nothing written', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        const { folder, reason } = readOnlyFolder();
        const r = await meso(['compile', join(dir, 'p.meso'), '--out-dir', folder]);
        expect(r).toEqual({ code: 2, out: '', err: `meso: cannot write ${join(folder, 'p.json')}: ${reason}.\n` });
        expect(readdirSync(folder)).toEqual([]);
    });

    test('-o into a read-only folder', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), smallProtocol('p'));
        const { folder, reason } = readOnlyFolder();
        const r = await meso(['compile', join(dir, 'p.meso'), '-o', join(folder, 'x.json')]);
        expect(r).toEqual({ code: 2, out: '', err: `meso: cannot write ${join(folder, 'x.json')}: ${reason}.\n` });
    });
});
