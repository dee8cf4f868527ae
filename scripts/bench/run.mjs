// `npm run bench`: generates the corpora (fixed seed), measures the command line, the
// lexer/parser floor, the language server over LSP and the extension bundle, and writes
// bench/results.json and BENCHMARKS.md. Nothing here runs in the normal test suite.
//
// Options: --quick (fewer repetitions), --build (rebuild out/ first), --seed N,
//          --only cli,threads,graphs,floor,lsp,extension (merge those groups into the existing results),
//          --report-only (rewrite BENCHMARKS.md from bench/results.json, measuring nothing).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchCheck, benchCompile, memorySource } from './cli-bench.mjs';
import { DEFAULT_SEED, generateCorpus } from './corpus.mjs';
import { buildFloorBundle, runFloor } from './floor.mjs';
import { benchImportGraphs } from './graph-bench.mjs';
import { benchThreadsAndCache } from './cache-bench.mjs';
import { benchBigProtocol, benchWorkspace } from './lsp-bench.mjs';
import { benchLexerErrors } from './lexer-errors-bench.mjs';
import { judge, keptSection, markdown } from './report.mjs';
import { calibrate, log, machineDescription, summarize } from './util.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = name => args.includes(name);
const option = (name, dflt) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : dflt; };
const quick = flag('--quick');
const seed = Number(option('--seed', DEFAULT_SEED));
const only = new Set(option('--only', 'extension,cli,threads,graphs,floor,lsp').split(',').map(s => s.trim()));
const partial = args.includes('--only');

const config = quick
    ? { cliRuns: 2, floorReps: 3, floorCheckReps: 1, coldRuns: 3, edits: 15, samples: 8, workspaceRuns: 1, formularyEdits: 1 }
    : { cliRuns: 5, floorReps: 7, floorCheckReps: 3, coldRuns: 7, edits: 40, samples: 20, workspaceRuns: 3, formularyEdits: 3 };

const resultsFile = path.join(root, 'bench/results.json');
const markdownFile = path.join(root, 'BENCHMARKS.md');
const corpusDir = path.join(root, 'bench/corpus');
const workspaceDir = path.join(corpusDir, 'workspace');
const bigDir = path.join(corpusDir, 'big');
const serverPath = path.join(root, 'out/server.cjs');

function git(...a) {
    const r = spawnSync('git', a, { cwd: root, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
}

function ensureBuilt() {
    const needed = ['out/server.cjs', 'out/cli.cjs', 'out/extension.cjs', 'src/language/generated/ast.ts', 'src/language/std/std-files.generated.ts'];
    const missing = needed.filter(f => !existsSync(path.join(root, f)));
    if (!flag('--build') && missing.length === 0) return;
    log(flag('--build') ? 'building (--build)' : `building: missing ${missing.join(', ')}`);
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('npm run build failed');
}

/** Newest modification time under a folder (to tell whether out/ predates src/). */
function newestMtime(dir) {
    let newest = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
    }
    return newest;
}

function countLines(dir) {
    let lines = 0;
    let files = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
            const sub = countLines(full);
            lines += sub.lines;
            files += sub.files;
        } else if (e.name.endsWith('.meso')) {
            const text = readFileSync(full, 'utf8');
            lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
            files++;
        }
    }
    return { lines, files };
}

function extensionCheck() {
    const ext = path.join(root, 'out/extension.cjs');
    const server = readFileSync(serverPath, 'utf8');
    const extText = readFileSync(ext, 'utf8');
    // Strings of the parser runtime (Chevrotain, Langium) that only the server bundle needs;
    // keep those actually present in out/server.cjs so the test cannot pass vacuously.
    const markers = ['MismatchedTokenException', 'NoViableAltException', 'EarlyExitException', 'performSelfAnalysis', 'LangiumParser', 'DocumentBuilder']
        .filter(m => server.includes(m));
    const found = markers.filter(m => extText.includes(m));
    const launchesServer = extText.includes('server.cjs');
    const vsix = path.join(root, 'out/meso.vsix');
    const metrics = {
        'extension.bundleSize': { unit: 'KB', value: statSync(ext).size / 1000, note: `${statSync(ext).size.toLocaleString('en-US')} bytes (1 KB = 1,000 bytes)` },
        'extension.serverCodeInBundle': { unit: 'bool', value: found.length > 0 || !launchesServer,
            note: found.length > 0 ? `found: ${found.join(', ')}` : `none of ${markers.length} parser-runtime strings; starts out/server.cjs as a separate process` }
    };
    if (existsSync(vsix)) metrics['extension.vsixSize'] = { unit: 'KB', value: statSync(vsix).size / 1000, note: `built ${statSync(vsix).mtime.toISOString().slice(0, 16)}` };
    log(`extension: ${Math.round(metrics['extension.bundleSize'].value)} KB, server code in bundle: ${metrics['extension.serverCodeInBundle'].value}`);
    return metrics;
}

function targetsOf(metrics) {
    return judge(metrics).map(({ id, group, label, metric, stat, below, expect, unit, measured, met, margin }) =>
        ({ id, group, label, metric, stat, target: below ?? expect, unit, measured, met, margin }));
}

if (flag('--report-only')) {
    // Re-render BENCHMARKS.md from bench/results.json (e.g. after editing its kept section).
    const saved = JSON.parse(readFileSync(resultsFile, 'utf8'));
    saved.targets = targetsOf(saved.metrics);
    writeFileSync(resultsFile, JSON.stringify(saved, null, 2) + '\n');
    writeFileSync(markdownFile, markdown(saved, keptSection(markdownFile)));
    log('wrote BENCHMARKS.md from bench/results.json');
    process.exit(0);
}

const started = performance.now();
const loadStart = os.loadavg();
ensureBuilt();
const outHash = () => {
    const h = createHash('sha1');
    for (const f of ['out/server.cjs', 'out/cli.cjs', 'out/extension.cjs']) h.update(readFileSync(path.join(root, f)));
    return h.digest('hex');
};
const outHashAtStart = outHash();
const outStale = newestMtime(path.join(root, 'src')) > statSync(path.join(root, 'out/cli.cjs')).mtimeMs;
if (outStale) log('note: src/ changed after out/ was built; the CLI and server figures are for out/ (use --build to rebuild), the floor for src/');
log(`generating the corpus (seed ${seed})`);
const corpus = generateCorpus(corpusDir, seed);
const { lines: workspaceLines, files: workspaceFiles } = countLines(workspaceDir);
log(`corpus: ${workspaceFiles} files, ${workspaceLines} lines in the workspace; big protocol ${corpus.big.lines} lines`);

const previous = partial && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
const metrics = { ...(previous?.metrics ?? {}) };
const details = { ...(previous?.details ?? {}) };
// The 1-minute load average around each group: above the core count, other processes competed.
details.loadAverage = { ...(details.loadAverage ?? {}) };
details.calibrationMs = { ...(details.calibrationMs ?? {}) };
const loadMark = async (group, phase) => {
    details.loadAverage[group] = { ...(details.loadAverage[group] ?? {}), [phase]: Math.round(os.loadavg()[0] * 100) / 100 };
    details.calibrationMs[group] = { ...(details.calibrationMs[group] ?? {}), [phase]: Math.round(await calibrate()) };
    if (phase === 'start' && os.loadavg()[0] > os.cpus().length) log(`note: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: timings of '${group}' will be inflated`);
};

if (only.has('extension')) Object.assign(metrics, extensionCheck());

if (only.has('cli')) {
    await loadMark('cli', 'start');
    const perSecond = samples => samples.map(s => workspaceLines / (s.wallMs / 1000));
    const check = await benchCheck({ root, target: path.relative(root, workspaceDir), runs: config.cliRuns, log });
    metrics['cli.check.wall'] = summarize(check.map(s => s.wallMs), 'ms');
    metrics['cli.check.cpu'] = summarize(check.map(s => s.cpuMs), 'ms');
    metrics['cli.check.peakRss'] = summarize(check.map(s => s.maxRssMB), 'MB');
    metrics['cli.check.linesPerSecond'] = summarize(perSecond(check), 'lines/s');
    details.cliCheckSummary = check[0].stdout.trim().split('\n').pop();
    const compile = await benchCompile({ root, target: path.relative(root, workspaceDir), runs: config.cliRuns, log });
    metrics['cli.compile.wall'] = summarize(compile.map(s => s.wallMs), 'ms');
    metrics['cli.compile.cpu'] = summarize(compile.map(s => s.cpuMs), 'ms');
    metrics['cli.compile.peakRss'] = summarize(compile.map(s => s.maxRssMB), 'MB');
    metrics['cli.compile.linesPerSecond'] = summarize(perSecond(compile), 'lines/s');
    details.cliCompileWritten = compile[0].written;
    await loadMark('cli', 'end');
}

if (only.has('threads')) {
    await loadMark('threads', 'start');
    const t = await benchThreadsAndCache({ root, workspaceDir, runs: quick ? 1 : 3, log });
    const note = (r, what) => `${what}; median of ${r.runs} rounds (${r.samples.map(x => x.toFixed(2)).join(', ')})`;
    metrics['cli.threads.autoToOne'] = { unit: '×', value: t.autoToOne.median, note: note(t.autoToOne, `--concurrency auto (${t.threads} threads) ÷ off, wall`) };
    metrics['cli.cache.warmToCold'] = { unit: '×', value: t.warmToCold.median, note: note(t.warmToCold, 'nothing changed ÷ cold run, wall') };
    metrics['cli.cache.changedToCold'] = { unit: '×', value: t.changedToCold.median, note: note(t.changedToCold, 'one protocol changed ÷ cold run, wall') };
    for (const [k, v] of Object.entries(t.wall)) metrics[`cli.threadsCache.${k}.wall`] = v;
    for (const [k, v] of Object.entries(t.cpu)) metrics[`cli.threadsCache.${k}.cpu`] = v;
    await loadMark('threads', 'end');
}

if (only.has('graphs')) {
    await loadMark('graphs', 'start');
    const { shapes, start } = await benchImportGraphs({ root, dir: path.join(corpusDir, 'graphs'), runs: quick ? 1 : 3, log });
    // Ratios of runs taken one after the other in the same round, then their median.
    const pairRatio = (a, b) => summarize(a.wall.samples.map((x, i) => x / b.wall.samples[i]), '×');
    const chain = pairRatio(shapes.chain.rows[3], shapes.flat.rows[3]);
    const hierarchy = pairRatio(shapes.hierarchy.rows[3], shapes.flat.rows[2]);
    metrics['graphs.ratio.chainToFlat'] = { unit: '×', value: chain.median, note: `median of ${chain.runs} runs, each against the flat run of its round (${chain.samples.map(x => x.toFixed(2)).join(', ')})` };
    metrics['graphs.ratio.hierarchyToFlat'] = { unit: '×', value: hierarchy.median, note: `median of ${hierarchy.runs} runs (${hierarchy.samples.map(x => x.toFixed(2)).join(', ')})` };
    metrics['graphs.chain.peakRss'] = shapes.chain.rows[3].peakRss;
    metrics['graphs.exponent'] = { unit: '', value: Math.max(...Object.values(shapes).map(g => g.exponentCpuLessStart)),
        note: Object.entries(shapes).map(([k, g]) => `${k} ${g.exponentCpuLessStart.toFixed(2)}`).join(', ') };
    details.graphs = shapes;
    details.graphsStartCpu = start;
    await loadMark('graphs', 'end');
}

if (only.has('floor')) {
    await loadMark('floor', 'start');
    log('floor: bundling the services from src/');
    const bundle = await buildFloorBundle(root, path.join(corpusDir, '.build'));
    const floor = runFloor({ bundle, corpusDir: workspaceDir, reps: config.floorReps, checkReps: config.floorCheckReps });
    metrics['floor.lexer'] = summarize(floor.lexer.times, 'ms', { cold: floor.lexer.cold });
    metrics['floor.parser'] = summarize(floor.parser.times, 'ms', { cold: floor.parser.cold });
    metrics['floor.check'] = summarize(floor.check.times, 'ms', { cold: floor.check.cold });
    metrics['floor.lexer.linesPerSecond'] = summarize(floor.lexer.times.map(t => workspaceLines / (t / 1000)), 'lines/s');
    metrics['floor.parser.linesPerSecond'] = summarize(floor.parser.times.map(t => workspaceLines / (t / 1000)), 'lines/s');
    details.floor = { files: floor.files, bytes: floor.bytes, lexer: floor.lexer.info, parser: floor.parser.info, check: floor.check };
    await loadMark('floor', 'end');
}

// Ratios (recomputed whenever their inputs exist, so --only keeps them consistent).
const ratio = (a, b, note) => (metrics[a] && metrics[b]) ? { unit: '×', value: metrics[a].median / metrics[b].median, note } : undefined;
for (const [id, r] of [
    ['floor.ratio.checkToLexer', ratio('floor.check', 'floor.lexer', 'medians, same process')],
    ['floor.ratio.checkToParser', ratio('floor.check', 'floor.parser', 'medians, same process')],
    ['floor.ratio.cliCheckToParser', ratio('cli.check.wall', 'floor.parser', '`meso check` process wall ÷ in-process parser')],
    ['cli.ratio.compileToCheck', ratio('cli.compile.wall', 'cli.check.wall', 'medians of the wall times, same run')]
]) if (r) metrics[id] = r;

if (only.has('lsp')) {
    await loadMark('lsp', 'start');
    log('language server: 5,000-line protocol');
    const big = await benchBigProtocol({ serverPath, bigDir, bigFile: corpus.big.path, runs: config.coldRuns, edits: config.edits, samples: config.samples });
    metrics['lsp.big.coldStart'] = big.coldStart;
    metrics['lsp.big.coldStartCpu'] = big.coldStartCpu;
    metrics['lsp.big.initialize'] = big.initialize;
    metrics['lsp.big.edit'] = big.edit;
    if (big.edit.serverCpuPerEditMs !== undefined) metrics['lsp.big.editCpu'] = { unit: 'ms', value: big.edit.serverCpuPerEditMs, note: `mean over ${big.edit.runs} edits` };
    metrics['lsp.big.completion'] = { ...big.completion, positions: undefined };
    metrics['lsp.big.hover'] = { ...big.hover, positions: undefined };
    if (big.memory) metrics['lsp.big.memory'] = { unit: 'MB', value: big.memory.rssMB, note: `VmHWM ${Math.round(big.memory.hwmMB)} MB` };
    details.lspBig = { diagnosticsAfterOpen: big.diagnosticsAfterOpen, completion: { positions: big.completion.positions }, hover: { positions: big.hover.positions } };

    log('language server: 1,000-file workspace');
    const ws = await benchWorkspace({ serverPath, workspaceDir, targetFile: path.join(workspaceDir, 'protocols/p0500.meso'),
        formularyFile: path.join(workspaceDir, 'formulary.meso'), runs: config.workspaceRuns, edits: config.edits, samples: config.samples, formularyEdits: config.formularyEdits });
    metrics['lsp.workspace.firstDiagnostics'] = ws.firstDiagnostics;
    metrics['lsp.workspace.allValidated'] = ws.allValidated;
    metrics['lsp.workspace.allValidatedCpu'] = ws.allValidatedCpu;
    metrics['lsp.workspace.edit'] = ws.edit;
    if (ws.edit.serverCpuPerEditMs !== undefined) metrics['lsp.workspace.editCpu'] = { unit: 'ms', value: ws.edit.serverCpuPerEditMs, note: `mean over ${ws.edit.runs} edits` };
    metrics['lsp.workspace.completion'] = { ...ws.completion, positions: undefined };
    metrics['lsp.workspace.hover'] = { ...ws.hover, positions: undefined };
    const memSamples = [...ws.memoryLoaded.samples, ...(ws.memoryAfterEdits ? [ws.memoryAfterEdits.rssMB] : [])];
    metrics['lsp.workspace.memory'] = summarize(memSamples, 'MB', { hwmMB: ws.memoryAfterEdits?.hwmMB });
    if (ws.formularyEdit) {
        metrics['lsp.workspace.formularyEdit.own'] = ws.formularyEdit.own;
        metrics['lsp.workspace.formularyEdit.allDependants'] = ws.formularyEdit.allDependants;
    }
    details.lspWorkspace = { files: ws.files, completion: { positions: ws.completion.positions }, hover: { positions: ws.hover.positions } };

    log('language server: documents of 10,000 to 200,000 lexer errors');
    const lexer = await benchLexerErrors({ serverPath });
    metrics['lsp.lexerErrors.open'] = lexer.largest;
    metrics['lsp.lexerErrors.exponent'] = { unit: '', value: Math.round(lexer.exponent * 100) / 100, note: 'growth of didOpen→diagnostics with the number of lexer errors (10k, 50k, 200k)' };
    details.lspLexerErrors = lexer.bySize;
    await loadMark('lsp', 'end');
}

// out/ may be rebuilt by others while the bench runs (npm test builds); only a different content matters.
const outRebuilt = outHash() !== outHashAtStart;
if (outRebuilt) log('WARNING: out/ changed while the bench ran; the figures mix two builds. Run again.');
const machine = { ...machineDescription(), loadAverageStart: loadStart.map(x => Math.round(x * 100) / 100), loadAverageEnd: os.loadavg().map(x => Math.round(x * 100) / 100) };
const results = {
    description: 'Meso benchmark results (issue #6). Generated by scripts/bench/run.mjs; see BENCHMARKS.md.',
    date: new Date().toISOString(),
    quick,
    machine,
    git: { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--', 'src').length > 0, outBuilt: statSync(serverPath).mtime.toISOString(), outOlderThanSrc: outStale, outRebuiltDuringRun: outRebuilt, outSha1: outHashAtStart },
    method: { memory: memorySource(), config, groups: [...new Set([...(previous?.method?.groups ?? []), ...only])] },
    corpus: { ...corpus, dir: path.relative(root, corpus.dir), formulary: { ...corpus.formulary, path: path.relative(root, corpus.formulary.path) },
        protocols: { ...corpus.protocols, dir: path.relative(root, corpus.protocols.dir) }, big: { ...corpus.big, path: path.relative(root, corpus.big.path) },
        workspace: { files: workspaceFiles, lines: workspaceLines } },
    metrics,
    details
};
results.targets = targetsOf(metrics);
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
writeFileSync(markdownFile, markdown(results, keptSection(markdownFile)));
const verdicts = results.targets.filter(t => t.met !== null);
log(`done in ${Math.round((performance.now() - started) / 1000)} s: ${verdicts.filter(t => t.met).length} of ${verdicts.length} targets met; wrote bench/results.json and BENCHMARKS.md`);
for (const t of results.targets) log(`  ${t.met === null ? '?' : t.met ? 'met   ' : 'MISSED'} ${t.label}: ${t.margin}`);
