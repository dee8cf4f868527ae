// Shared helpers of the benchmark suite: the seeded PRNG of ../random.mjs (no Math.random
// anywhere in the suite), statistics, formatting, process memory and the machine description.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { setTimeout as sleepTimer } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

export { createRandom } from '../lib/random.mjs';

/** The q-quantile (0..1) of numbers, linear interpolation between closest ranks. */
export function quantile(values, q) {
    if (values.length === 0) return NaN;
    const s = [...values].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Summary of repeated measurements. Few runs (< 10): median with min/max spread. Many
 * samples (latencies): p50 and p95, with min/max too.
 */
export function summarize(values, unit, extra = {}) {
    const v = values.filter(x => Number.isFinite(x));
    const round = x => Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null;
    const summary = {
        unit,
        runs: v.length,
        median: round(quantile(v, 0.5)),
        min: round(Math.min(...v)),
        max: round(Math.max(...v)),
        ...extra
    };
    if (v.length >= 10) {
        summary.p5 = round(quantile(v, 0.05));
        summary.p95 = round(quantile(v, 0.95));
    }
    summary.samples = v.map(round);
    return summary;
}

export const sleep = ms => sleepTimer(ms);

const CALIBRATION = `
const { parentPort } = require('node:worker_threads');
function spin() {
    let h = 0x811c9dc5;
    for (let i = 0; i < 200000000; i++) h = Math.imul(h ^ i, 16777619) >>> 0;
    return h;
}
const t0 = performance.now();
const h = spin();
parentPort.postMessage({ ms: performance.now() - t0, h });`;

/**
 * A fixed CPU-bound workload (integer hashing, no allocation) run on every core at once;
 * returns the slowest thread's time. On a quiet machine it is the same on every run, so a
 * larger figure means other processes were using the cores.
 */
export async function calibrate(threads = os.cpus().length) {
    const one = () => new Promise((resolve, reject) => {
        const worker = new Worker(CALIBRATION, { eval: true });
        worker.once('message', m => { resolve(m.ms); worker.terminate(); });
        worker.once('error', reject);
    });
    const times = await Promise.all(Array.from({ length: threads }, one));
    return Math.max(...times);
}

/** Memory figures of a live process from /proc (kB → MB); undefined off Linux. */
export function procMemory(pid) {
    const file = `/proc/${pid}/status`;
    if (!existsSync(file)) return undefined;
    try {
        const text = readFileSync(file, 'utf8');
        const kb = key => {
            const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
            return m ? Number(m[1]) / 1024 : undefined;
        };
        return { rssMB: kb('VmRSS'), hwmMB: kb('VmHWM') };
    } catch {
        return undefined;
    }
}

let clockTicks;
/** CPU time (user + system) a live process has used so far, in ms; undefined off Linux. */
export function procCpuMs(pid) {
    const file = `/proc/${pid}/stat`;
    if (!existsSync(file)) return undefined;
    try {
        const text = readFileSync(file, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        if (clockTicks === undefined) {
            const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
            clockTicks = Number(r.stdout) || 100;
        }
        return (Number(fields[11]) + Number(fields[12])) * 1000 / clockTicks;
    } catch {
        return undefined;
    }
}

/** OS, CPU, cores, memory and Node version of this machine. */
export function machineDescription() {
    const cpus = os.cpus();
    let osName = `${os.type()} ${os.release()}`;
    if (existsSync('/etc/os-release')) {
        const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
        if (m) osName = `${m[1]} (kernel ${os.release()})`;
    }
    let cpuModel = cpus[0]?.model ?? 'unknown';
    const lscpu = spawnSync('lscpu', [], { encoding: 'utf8' });
    if (lscpu.status === 0) {
        const m = /^Model name:\s*(.+)$/m.exec(lscpu.stdout);
        if (m && m[1].trim().length > cpuModel.length) cpuModel = m[1].trim();
    }
    return {
        os: osName,
        arch: os.arch(),
        cpuModel,
        cpuMHz: cpus[0]?.speed || undefined,
        cores: os.availableParallelism ? os.availableParallelism() : cpus.length,
        memoryGB: Math.round(os.totalmem() / 1024 ** 3 * 10) / 10,
        node: process.version
    };
}

/** Formats a number with at most `digits` decimals, without trailing zeros. */
export function fmt(x, digits = 2) {
    if (x === null || x === undefined || !Number.isFinite(x)) return '–';
    return String(Number(x.toFixed(digits)));
}

export function log(message) {
    process.stderr.write(`[bench] ${message}\n`);
}
