// Whole-process timings of the `meso` command: wall time (measured here), CPU time and peak
// resident memory (from GNU time when present; otherwise from a preload that reports
// process.resourceUsage() at exit).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

function hasGnuTime() {
    if (!existsSync(GNU_TIME)) return false;
    return true;
}

/** Runs `node <args>` once; resolves with { wallMs, cpuMs, maxRssMB, code, stdout }. */
export function runOnce(args, { cwd }) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'meso-bench-'));
    const stats = path.join(tmp, 'stats');
    let command;
    let argv;
    if (hasGnuTime()) {
        command = GNU_TIME;
        argv = ['-f', '%e %U %S %M', '-o', stats, process.execPath, ...args];
    } else {
        const preload = path.join(tmp, 'usage.cjs');
        writeFileSync(preload, `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(stats)}, ` +
            '`0 ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}`); });');
        command = process.execPath;
        argv = ['--require', preload, ...args];
    }
    return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', d => { stdout += d; });
        child.stderr.on('data', d => { stderr += d; });
        child.on('error', reject);
        child.on('exit', code => {
            const wallMs = performance.now() - t0;
            try {
                const [, user, sys, rssKB] = readFileSync(stats, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
                resolve({ wallMs, cpuMs: (user + sys) * 1000, maxRssMB: rssKB / 1024, code, stdout, stderr });
            } catch (e) {
                reject(new Error(`no resource figures for ${args.join(' ')} (exit ${code}): ${stderr}${e}`));
            } finally {
                rmSync(tmp, { recursive: true, force: true });
            }
        });
    });
}

export const memorySource = () => hasGnuTime() ? 'GNU time (%M, max RSS)' : 'process.resourceUsage().maxRSS at exit';

/** Runs `meso check <dir>` `runs` times. */
export async function benchCheck({ root, target, runs, log }) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
        const r = await runOnce(['bin/meso.cjs', 'check', '--no-gitignore', target], { cwd: root });
        if (r.code !== 0) throw new Error(`meso check exited ${r.code}: ${r.stdout.slice(-500)}${r.stderr}`);
        log(`cli check: ${Math.round(r.wallMs)} ms wall, ${Math.round(r.cpuMs)} ms CPU, ${Math.round(r.maxRssMB)} MB (${r.stdout.trim().split('\n').pop()})`);
        samples.push(r);
    }
    return samples;
}

/** Runs `meso compile <dir> --out-dir <tmp>` `runs` times, into a fresh folder each time. */
export async function benchCompile({ root, target, runs, log }) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
        const outDir = mkdtempSync(path.join(os.tmpdir(), 'meso-bench-json-'));
        try {
            const r = await runOnce(['bin/meso.cjs', 'compile', '--no-gitignore', target, '--out-dir', outDir], { cwd: root });
            if (r.code !== 0) throw new Error(`meso compile exited ${r.code}: ${r.stdout.slice(-500)}${r.stderr}`);
            r.written = r.stdout.split('\n').filter(l => l.startsWith('wrote ')).length;
            log(`cli compile: ${Math.round(r.wallMs)} ms wall, ${Math.round(r.cpuMs)} ms CPU, ${Math.round(r.maxRssMB)} MB, ${r.written} files written`);
            samples.push(r);
        } finally {
            rmSync(outDir, { recursive: true, force: true });
        }
    }
    return samples;
}
