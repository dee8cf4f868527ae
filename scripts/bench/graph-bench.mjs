// `meso check` over import graphs of four shapes at sizes x1, x2, x4, x8 (issue #16): the
// runs interleaved (every shape and size once, then again), so that a slow phase of a shared
// machine spreads over all of them; the growth exponent fitted to CPU time against input lines,
// less the CPU time of checking a single small protocol (process start, std), measured in each round.
import * as path from 'node:path';
import { runOnce } from './cli-bench.mjs';
import { generateImportGraph } from './import-graphs.mjs';
import { summarize } from './util.mjs';

export const SCALES = [1, 2, 4, 8];

/** The shapes, and the corpus options of each at scale k. */
export const SHAPES = {
    flat: { label: 'flat: protocols importing one formulary', size: k => ({ protocols: 250 * k }) },
    chain: { label: 'chain: each file imports the previous one', size: k => ({ files: 250 * k }) },
    hierarchy: { label: 'hierarchy: levels of formularies, protocols on top', size: k => ({ levels: Math.round(6.25 * k), protocols: 125 * k }) },
    fanin: { label: 'fan-in: protocols importing one large formulary', size: k => ({ protocols: 125 * k, substances: 625 * k }) }
};

/** Least-squares slope of log(y) on log(x): y grows as x to that power. */
export function growthExponent(xs, ys) {
    const lx = xs.map(Math.log);
    const ly = ys.map(Math.log);
    const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
    const my = ly.reduce((a, b) => a + b, 0) / ly.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < lx.length; i++) {
        num += (lx[i] - mx) * (ly[i] - my);
        den += (lx[i] - mx) ** 2;
    }
    return num / den;
}

/** Generates the corpora under `dir` and checks each `runs` times; returns per shape and scale the samples. */
export async function benchImportGraphs({ root, dir, runs, log }) {
    const corpora = [];
    const base = { shape: 'baseline', k: 0, ...generateImportGraph(path.join(dir, 'baseline'), 'flat', { protocols: 1, substances: 3 }), samples: [] };
    corpora.push(base);
    for (const [shape, { size }] of Object.entries(SHAPES)) {
        for (const k of SCALES) {
            const summary = generateImportGraph(path.join(dir, `${shape}-x${k}`), shape === 'flat' ? 'flat' : shape, size(k));
            corpora.push({ shape, k, ...summary, samples: [] });
        }
    }
    for (let r = 0; r < runs; r++) {
        for (const c of corpora) {
            const s = await runOnce(['bin/meso.cjs', 'check', '--no-gitignore', path.relative(root, c.dir)], { cwd: root });
            if (s.code !== 0) throw new Error(`meso check ${c.dir} exited ${s.code}: ${s.stdout.slice(-300)}${s.stderr}`);
            c.summaryLine = s.stdout.trim().split('\n').pop();
            log(`graphs ${c.shape} x${c.k} (${c.files} files): ${Math.round(s.wallMs)} ms wall, ${Math.round(s.cpuMs)} ms CPU, ${Math.round(s.maxRssMB)} MB`);
            c.samples.push(s);
        }
    }
    const shapes = {};
    const start = summarize(base.samples.map(s => s.cpuMs), 'ms');
    for (const shape of Object.keys(SHAPES)) {
        const rows = corpora.filter(c => c.shape === shape).map(c => ({
            scale: c.k, files: c.files, lines: c.lines, options: SHAPES[shape].size(c.k), summary: c.summaryLine,
            wall: summarize(c.samples.map(s => s.wallMs), 'ms'),
            cpu: summarize(c.samples.map(s => s.cpuMs), 'ms'),
            peakRss: summarize(c.samples.map(s => s.maxRssMB), 'MB')
        }));
        shapes[shape] = {
            label: SHAPES[shape].label,
            rows,
            exponentCpu: growthExponent(rows.map(r => r.lines), rows.map(r => r.cpu.median)),
            exponentCpuLessStart: growthExponent(rows.map(r => r.lines), rows.map(r => r.cpu.median - start.median)),
            exponentWall: growthExponent(rows.map(r => r.lines), rows.map(r => r.wall.median))
        };
    }
    return { shapes, start };
}
