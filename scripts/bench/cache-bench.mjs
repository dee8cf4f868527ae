// `meso check --concurrency` and `--cache` on a copy of the 1,000-protocol workspace (issue #16):
// each round times one thread against `auto`, then a cold run with an empty cache, a re-run with
// nothing changed and one with one protocol changed; the ratios are taken within a round.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runOnce } from './cli-bench.mjs';
import { summarize } from './util.mjs';

async function check(root, args, log, what) {
    const r = await runOnce(['bin/meso.cjs', 'check', '--no-gitignore', ...args], { cwd: root });
    if (r.code !== 0) throw new Error(`meso check ${args.join(' ')} exited ${r.code}: ${r.stdout.slice(-300)}${r.stderr}`);
    log(`${what}: ${Math.round(r.wallMs)} ms wall, ${Math.round(r.cpuMs)} ms CPU, ${Math.round(r.maxRssMB)} MB`);
    return r;
}

export async function benchThreadsAndCache({ root, workspaceDir, runs, log }) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'meso-bench-cache-'));
    const ws = path.join(tmp, 'workspace');
    cpSync(workspaceDir, ws, { recursive: true });
    const cache = path.join(tmp, 'check.cache');
    const rows = { one: [], auto: [], cold: [], warm: [], changed: [] };
    try {
        for (let r = 0; r < runs; r++) {
            rows.one.push(await check(root, [ws, '--concurrency', 'off'], log, 'threads: off'));
            rows.auto.push(await check(root, [ws, '--concurrency', 'auto'], log, 'threads: auto'));
            rmSync(cache, { force: true });
            const args = [ws, '--concurrency', 'off', '--cache', '--cache-location', cache];
            rows.cold.push(await check(root, args, log, 'cache: cold'));
            rows.warm.push(await check(root, args, log, 'cache: nothing changed'));
            appendFileSync(path.join(ws, 'protocols', `p${String(100 + r).padStart(4, '0')}.meso`), `// bench edit ${r}\n`);
            rows.changed.push(await check(root, args, log, 'cache: one protocol changed'));
        }
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
    const wall = name => rows[name].map(s => s.wallMs);
    const ratio = (a, b) => summarize(wall(a).map((x, i) => x / wall(b)[i]), '×');
    return {
        threads: os.availableParallelism(),
        wall: Object.fromEntries(Object.keys(rows).map(k => [k, summarize(wall(k), 'ms')])),
        cpu: Object.fromEntries(Object.keys(rows).map(k => [k, summarize(rows[k].map(s => s.cpuMs), 'ms')])),
        autoToOne: ratio('auto', 'one'),
        warmToCold: ratio('warm', 'cold'),
        changedToCold: ratio('changed', 'cold')
    };
}
