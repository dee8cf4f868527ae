// Child process of floor.mjs: node --expose-gc floor-worker.mjs <bundle> <corpus dir> <reps> <check reps>
// Prints one JSON object on stdout. The first repetition of each measurement is a warm-up
// (reported as `cold`); the others give the median and spread.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundlePath, corpusDir, repsArg, checkRepsArg] = process.argv.slice(2);
const reps = Number(repsArg);
const checkReps = Number(checkRepsArg);
const require = createRequire(import.meta.url);
const bench = require(bundlePath);
const gc = globalThis.gc ?? (() => undefined);
const log = m => process.stderr.write(`[bench] ${m}\n`);

const files = await bench.expandPaths([corpusDir]);
const texts = files.map(f => readFileSync(f, 'utf8'));
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
const lines = texts.reduce((s, t) => s + t.split('\n').length, 0);
const { Meso } = bench.createMesoServices(bench.NodeFileSystem);
const lexer = Meso.parser.Lexer;
const parser = Meso.parser.LangiumParser;

function repeat(name, count, fn) {
    const times = [];
    let info;
    for (let i = 0; i < count + 1; i++) {
        gc();
        const t0 = performance.now();
        info = fn();
        times.push(performance.now() - t0);
    }
    log(`floor: ${name} ${times.map(t => Math.round(t)).join(', ')} ms (first is warm-up)`);
    return { cold: times[0], times: times.slice(1), info };
}

const lex = repeat('lexer', reps, () => {
    let tokens = 0;
    let errors = 0;
    for (const t of texts) {
        const r = lexer.tokenize(t);
        tokens += r.tokens.length;
        errors += r.errors.length;
    }
    return { tokens, errors };
});
const parse = repeat('parser', reps, () => {
    let lexerErrors = 0;
    let parserErrors = 0;
    for (const t of texts) {
        const r = parser.parse(t);
        lexerErrors += r.lexerErrors.length;
        parserErrors += r.parserErrors.length;
    }
    return { lexerErrors, parserErrors };
});

// A full check in this process: what `meso check` does minus process start and printing.
const checks = [];
const memory = [];
let problems;
for (let i = 0; i < checkReps + 1; i++) {
    gc();
    const t0 = performance.now();
    const ws = await bench.loadWorkspace(files);
    const report = bench.collectProblems(ws.files, process.cwd(), false);
    checks.push(performance.now() - t0);
    memory.push(process.memoryUsage().rss / 1024 / 1024);
    const byCode = {};
    for (const pr of report.problems) byCode[`${pr.severity} ${pr.code}`] = (byCode[`${pr.severity} ${pr.code}`] ?? 0) + 1;
    const withWarnings = new Set(report.problems.filter(pr => pr.severity !== 'info').map(pr => pr.file)).size;
    problems = { files: ws.files.length, errors: report.errors, warnings: report.warnings, filesWithErrorsOrWarnings: withWarnings, byCode };
}
log(`floor: in-process check ${checks.map(t => Math.round(t)).join(', ')} ms (first is warm-up)`);

process.stdout.write(JSON.stringify({
    files: files.length,
    bytes,
    lines,
    lexer: lex,
    parser: parse,
    check: { cold: checks[0], times: checks.slice(1), info: problems, rssMB: memory }
}));
