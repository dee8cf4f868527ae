// Language-server benchmarks through the real LSP protocol over stdio: cold start, edit to
// diagnostics, completion, hover and memory, on the 5,000-line protocol and on the
// 1,000-file workspace.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lib/lsp-client.mjs';
import { log, procCpuMs, procMemory, sleep, summarize } from './util.mjs';

const uriOf = file => pathToFileURL(file).href;

/** Named positions (0-based line/character) in a protocol text, taken from its middle. */
export function findPositions(text) {
    const lines = text.split('\n');
    const from = Math.floor(lines.length / 2);
    const order = [...lines.keys()].slice(from).concat([...lines.keys()].slice(0, from));
    const find = (re, group) => {
        for (const i of order) {
            const m = re.exec(lines[i]);
            if (m) {
                const character = m.index + m[0].indexOf(m[group]);
                return { line: i, character, word: m[group] };
            }
        }
        return undefined;
    };
    const inMixture = (() => {
        for (const i of order) {
            if (/^\s+mixture \w+ \{/.test(lines[i])) {
                // A formulary substance (not one of std's), so that hover crosses files.
                for (let j = i + 1; j < lines.length && !/^\s+\}/.test(lines[j]); j++) {
                    const m = /^(\s+)([A-Za-z_]\w*) \d/.exec(lines[j]);
                    if (m && !['lidocaine', 'saline'].includes(m[2])) return { line: j, character: m[1].length, word: m[2] };
                }
            }
        }
        return undefined;
    })();
    const positions = {
        substance: inMixture,
        mixture: find(/^\s+inject (\w+) using/, 1),
        technique: find(/^\s+inject \w+ using (\w+)/, 1),
        layer: find(/^\s+depth (IED|IDS|IDP|IDH)\s*$/, 1),
        session: find(/^\s+phase \w+: \d+ sessions? of (\w+)/, 1),
        protocol: find(/^\s+follows (\w+) from/, 1)
    };
    return Object.fromEntries(Object.entries(positions).filter(([, p]) => p));
}

/** One-character edits: the tens digit of `NN points` lines, spread over the file. */
function editSites(text, count) {
    const lines = text.split('\n');
    const sites = [];
    lines.forEach((l, i) => {
        const m = /^(\s+)([1-4])\d points\s*$/.exec(l);
        if (m) sites.push({ line: i, character: m[1].length, digit: m[2] });
    });
    if (sites.length === 0) throw new Error('no "NN points" line to edit');
    const step = Math.max(1, Math.floor(sites.length / count));
    return Array.from({ length: count }, (_, k) => sites[(k * step) % sites.length]);
}

async function measureEdits(client, uri, text, count) {
    const sites = editSites(text, count);
    let version = 1;
    const latencies = [];
    const cpuBefore = procCpuMs(client.pid);
    for (const site of sites) {
        // Lower the points by ten (fewer points never makes a dose error), or raise 1x to 2x.
        const next = site.digit === '1' ? '2' : String(Number(site.digit) - 1);
        site.digit = next;
        const wait = client.nextDiagnostics(uri, 120000);
        const t0 = performance.now();
        client.notify('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start: { line: site.line, character: site.character }, end: { line: site.line, character: site.character + 1 } }, text: next }]
        });
        const { at } = await wait;
        latencies.push(at - t0);
        await sleep(30);
    }
    const cpuAfter = procCpuMs(client.pid);
    // Server CPU per edit (clock-tick resolution, so averaged): unlike the wall latency, it does
    // not grow when other processes compete for the cores.
    latencies.cpuPerEditMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / sites.length;
    return latencies;
}

async function measureRequests(client, uri, positions, method, samples) {
    const all = [];
    const byPosition = {};
    for (const [name, pos] of Object.entries(positions)) {
        // A completion is asked with the caret after the first two letters of the word.
        const character = method === 'textDocument/completion' ? pos.character + Math.min(2, pos.word.length) : pos.character + 1;
        const params = { textDocument: { uri }, position: { line: pos.line, character } };
        const first = await client.request(method, params);
        const times = [];
        for (let i = 0; i < samples; i++) {
            const r = await client.request(method, params);
            times.push(r.ms);
        }
        all.push(...times);
        const result = first.result;
        const items = method === 'textDocument/completion' ? (Array.isArray(result) ? result.length : result?.items?.length ?? 0) : undefined;
        const hoverText = method === 'textDocument/hover' ? JSON.stringify(result?.contents ?? null).slice(0, 80) : undefined;
        byPosition[name] = { line: pos.line + 1, character: character + 1, word: pos.word, firstMs: Math.round(first.ms * 100) / 100,
            ...summarize(times, 'ms'), samples: undefined, items, hover: hoverText };
    }
    return { all, byPosition };
}

function countFiles(dir) {
    let n = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) n += countFiles(path.join(dir, e.name));
        else if (e.name.endsWith('.meso')) n++;
    }
    return n;
}

/** Cold starts on the big protocol's folder, then edits, completion and hover in it. */
export async function benchBigProtocol({ serverPath, bigDir, bigFile, runs, edits, samples }) {
    const uri = uriOf(bigFile);
    const text = readFileSync(bigFile, 'utf8');
    const cold = [];
    const coldCpu = [];
    const initMs = [];
    const result = {};
    for (let run = 0; run < runs; run++) {
        const last = run === runs - 1;
        const client = new LspClient(serverPath);
        try {
            const first = client.nextDiagnostics(uri, 120000);
            const init = await client.initialize(uriOf(bigDir), 'big');
            initMs.push(init.at - client.spawnedAt);
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
            const { at, diagnostics } = await first;
            cold.push(at - client.spawnedAt);
            coldCpu.push(procCpuMs(client.pid));
            log(`big protocol: cold start ${Math.round(at - client.spawnedAt)} ms (${diagnostics.length} diagnostics)`);
            if (last) {
                await client.settle(500);
                result.diagnosticsAfterOpen = diagnostics.length;
                const positions = findPositions(text);
                const editTimes = await measureEdits(client, uri, text, edits);
                result.edit = summarize(editTimes, 'ms', { serverCpuPerEditMs: editTimes.cpuPerEditMs });
                log(`big protocol: edit→diagnostics p50 ${Math.round(result.edit.median)} ms, p95 ${Math.round(result.edit.p95)} ms`);
                await client.settle(300);
                const completion = await measureRequests(client, uri, positions, 'textDocument/completion', samples);
                result.completion = summarize(completion.all, 'ms', { positions: completion.byPosition });
                const hover = await measureRequests(client, uri, positions, 'textDocument/hover', samples);
                result.hover = summarize(hover.all, 'ms', { positions: hover.byPosition });
                log(`big protocol: completion p95 ${Math.round(result.completion.p95)} ms, hover p95 ${Math.round(result.hover.p95)} ms`);
                result.memory = procMemory(client.pid);
            }
        } finally {
            await client.shutdown();
        }
    }
    result.coldStart = summarize(cold, 'ms');
    result.coldStartCpu = summarize(coldCpu.filter(x => x !== undefined), 'ms');
    result.initialize = summarize(initMs, 'ms');
    return result;
}

/** The 1,000-file workspace: load, first diagnostics, memory, edits, completion, hover. */
export async function benchWorkspace({ serverPath, workspaceDir, targetFile, formularyFile, runs, edits, samples, formularyEdits }) {
    const uri = uriOf(targetFile);
    const text = readFileSync(targetFile, 'utf8');
    const fileCount = countFiles(workspaceDir);
    const firstDiag = [];
    const allValidatedCpu = [];
    const allValidated = [];
    const memLoaded = [];
    const result = { files: fileCount };
    for (let run = 0; run < runs; run++) {
        const last = run === runs - 1;
        const client = new LspClient(serverPath);
        try {
            const first = client.nextDiagnostics(uri, 300000);
            await client.initialize(uriOf(workspaceDir), 'workspace');
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
            const { at } = await first;
            firstDiag.push(at - client.spawnedAt);
            const fileUris = () => [...client.published.keys()].filter(u => u.startsWith('file:')).length;
            await client.settle(1000, () => fileUris() >= fileCount, 600000);
            const lastAt = Math.max(...[...client.published.values()].map(e => e.last));
            allValidated.push(lastAt - client.spawnedAt);
            const cpu = procCpuMs(client.pid);
            if (cpu !== undefined) allValidatedCpu.push(cpu);
            const mem = procMemory(client.pid);
            if (mem) memLoaded.push(mem.rssMB);
            log(`workspace: first diagnostics ${Math.round(at - client.spawnedAt)} ms, all ${fileUris()} files validated ${Math.round(lastAt - client.spawnedAt)} ms, RSS ${Math.round(mem?.rssMB ?? 0)} MB`);
            if (last) {
                const positions = findPositions(text);
                const editTimes = await measureEdits(client, uri, text, edits);
                result.edit = summarize(editTimes, 'ms', { serverCpuPerEditMs: editTimes.cpuPerEditMs });
                log(`workspace: edit→diagnostics p50 ${Math.round(result.edit.median)} ms, p95 ${Math.round(result.edit.p95)} ms`);
                await client.settle(300);
                const completion = await measureRequests(client, uri, positions, 'textDocument/completion', samples);
                result.completion = summarize(completion.all, 'ms', { positions: completion.byPosition });
                const hover = await measureRequests(client, uri, positions, 'textDocument/hover', samples);
                result.hover = summarize(hover.all, 'ms', { positions: hover.byPosition });
                log(`workspace: completion p95 ${Math.round(result.completion.p95)} ms, hover p95 ${Math.round(result.hover.p95)} ms`);
                result.memoryAfterEdits = procMemory(client.pid);
                if (formularyEdits > 0) result.formularyEdit = await measureFormularyEdits(client, formularyFile, formularyEdits, fileCount);
            }
        } finally {
            await client.shutdown();
        }
    }
    result.firstDiagnostics = summarize(firstDiag, 'ms');
    result.allValidated = summarize(allValidated, 'ms');
    result.allValidatedCpu = summarize(allValidatedCpu, 'ms');
    result.memoryLoaded = summarize(memLoaded, 'MB');
    return result;
}

/**
 * Worst case: a one-character edit in the formulary that every protocol imports. Measures
 * the time to the formulary's own diagnostics and to the last dependant's.
 */
async function measureFormularyEdits(client, formularyFile, count, fileCount) {
    const uri = uriOf(formularyFile);
    const text = readFileSync(formularyFile, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex(l => /^\s+source "/.test(l));
    const character = lines[line].indexOf('"') + 1;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
    await client.settle(1000);
    const own = [];
    const dependants = [];
    let version = 1;
    for (let k = 0; k < count; k++) {
        const before = new Map([...client.published].map(([u, e]) => [u, e.count]));
        const wait = client.nextDiagnostics(uri, 300000);
        const t0 = performance.now();
        const current = lines[line][character];
        const next = current === 'X' ? 'Y' : 'X';
        lines[line] = lines[line].slice(0, character) + next + lines[line].slice(character + 1);
        client.notify('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: next }]
        });
        const { at } = await wait;
        own.push(at - t0);
        const refreshed = () => [...client.published].filter(([u, e]) => u.startsWith('file:') && e.count > (before.get(u) ?? 0)).length;
        await client.settle(1000, () => refreshed() >= fileCount - 1, 600000);
        const lastAt = Math.max(...[...client.published.values()].map(e => e.last));
        dependants.push(lastAt - t0);
        log(`workspace: formulary edit → own diagnostics ${Math.round(at - t0)} ms, all ${refreshed()} files ${Math.round(lastAt - t0)} ms`);
    }
    return { own: summarize(own, 'ms'), allDependants: summarize(dependants, 'ms') };
}
