// Writes out/cli.cache, the V8 code cache that bin/meso.cjs compiles out/cli.cjs with: one
// `meso check examples` run, after which the cache holds every function that run compiled.
// Part of `npm run build`, after scripts/build/bundle.mjs. The cache fits the Node that ran this
// script; under another Node, V8 refuses it and `meso` compiles the bundle as usual.
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, statSync } from 'node:fs';

const target = 'out/cli.cache';
const partial = `${target}.partial`;
rmSync(target, { force: true });
const r = spawnSync(process.execPath, ['bin/meso.cjs', 'check', 'examples'], {
    env: { ...process.env, MESO_WRITE_CODE_CACHE: partial },
    stdio: ['ignore', 'ignore', 'inherit']
});
if (r.status !== 0) {
    rmSync(partial, { force: true });
    console.error(`code cache: 'meso check examples' exited ${r.status ?? r.signal}; no ${target} written.`);
    process.exit(1);
}
renameSync(partial, target);
console.log(`Wrote ${target} (${Math.round(statSync(target).size / 1024)} KB)`);
