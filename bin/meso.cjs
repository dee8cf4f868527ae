#!/usr/bin/env node
'use strict';
// Entry of the `meso` command: runs the bundle out/cli.cjs.
//
// The bundle is compiled with V8's code cache, out/cli.cache, written by `npm run build`
// (scripts/build/code-cache.mjs), so that each start does not compile its functions again: about
// 0.1 s of every run (docs/performance.md, start-up). The cache starts with the SHA-256 of the
// bundle it was made from; a cache made from other bytes is ignored, and V8 itself refuses one
// made by another Node or V8 version. Without a usable cache the bundle is compiled as usual.
//
// If the bundle cannot even load, say so in one line and exit 2 (internal failure) instead of a
// stack trace.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'out', 'cli.cjs');
const cacheFile = path.join(__dirname, '..', 'out', 'cli.cache');
const DIGEST_BYTES = 32;

/** The V8 data of the cache if it was made from these bytes of the bundle. */
function readCache(digest) {
    let cache;
    try {
        cache = fs.readFileSync(cacheFile);
    } catch {
        return undefined;
    }
    return cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
}

function run() {
    const source = fs.readFileSync(bundle, 'utf8');
    const digest = crypto.createHash('sha256').update(source).digest();
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new vm.Script(wrapped, {
        filename: bundle,
        cachedData: readCache(digest),
        importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
    });
    // Set by scripts/build/code-cache.mjs: after a run, the cache holds every function that run compiled.
    const writeTo = process.env.MESO_WRITE_CODE_CACHE;
    if (writeTo) process.once('exit', () => fs.writeFileSync(writeTo, Buffer.concat([digest, script.createCachedData()])));
    const cliModule = { exports: {} };
    script.runInThisContext()(cliModule.exports, createRequire(bundle), cliModule, bundle, path.dirname(bundle));
}

try {
    run();
} catch (e) {
    process.stderr.write(`meso: internal error: ${e && e.message ? e.message : String(e)} (was 'npm run build' run?)\n`);
    process.exitCode = 2;
}
