import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';

// bin/meso.cjs compiles out/cli.cjs with the V8 code cache out/cli.cache (written by the build,
// scripts/build/code-cache.mjs). A cache that does not fit the bundle must never change what `meso`
// does: it is ignored, and the bundle is compiled as usual.

const bundleText = readFileSync(join(root, 'out/cli.cjs'), 'utf8');
const builtCache = readFileSync(join(root, 'out/cli.cache'));
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/** A copy of bin/ and out/ with this bundle text and cache (none when undefined). */
function install(source: string, cache: Buffer | undefined): string {
    const dir = tempDir('meso-cache-');
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'out'));
    copyFileSync(join(root, 'bin/meso.cjs'), join(dir, 'bin/meso.cjs'));
    writeFileSync(join(dir, 'out/cli.cjs'), source);
    if (cache) writeFileSync(join(dir, 'out/cli.cache'), cache);
    return dir;
}

function checkExamples(dir: string) {
    const r = spawnSync(process.execPath, [join(dir, 'bin/meso.cjs'), 'check', 'examples'], { cwd: root, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the code cache of the CLI bundle', () => {
    test('the build writes it for the bundle as built, and this Node accepts it', () => {
        expect(builtCache.subarray(0, 32).equals(sha256(bundleText))).toBe(true);
        const script = new Script(wrap(bundleText), { filename: join(root, 'out/cli.cjs'), cachedData: builtCache.subarray(32) });
        expect(script.cachedDataRejected).toBe(false);
    });

    test('with or without it, or with a damaged one, `meso check` prints the same and exits the same', () => {
        const without = checkExamples(install(bundleText, undefined));
        expect(without.code).toBe(0);
        expect(without.out).toMatch(/^\d+ files checked: 0 errors, 0 warnings\.\n$/);
        const variants = {
            built: builtCache,
            damaged: Buffer.concat([builtCache.subarray(0, 32), Buffer.alloc(4096, 0x5a)]),
            truncated: builtCache.subarray(0, 1000),
            digestOnly: builtCache.subarray(0, 32),
            empty: Buffer.alloc(0)
        };
        for (const [name, cache] of Object.entries(variants)) {
            expect({ name, ...checkExamples(install(bundleText, cache)) }).toEqual({ name, ...without });
        }
    });

    test('a cache made from other bytes of the same length is not used', () => {
        // V8 only compares the source length; the SHA-256 in front of the cache catches the rest.
        const edited = bundleText.replace('} checked: {errors', '} chekked: {errors');
        expect(edited.length).toBe(bundleText.length);
        expect(edited).not.toBe(bundleText);
        const r = checkExamples(install(edited, builtCache));
        expect(r.code).toBe(0);
        expect(r.out).toMatch(/^\d+ files chekked: 0 errors, 0 warnings\.\n$/);
    });
});
