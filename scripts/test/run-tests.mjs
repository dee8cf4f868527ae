// Runs the vitest suite and closes with the `N passed, N failed` line CI reads
// (vitest's own summary is not in that form). Exits with vitest's exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
    { stdio: 'inherit', shell: process.platform === 'win32' });
if (!existsSync(report)) {
    console.log('0 passed, 1 failed');
    process.exit(run.status || 1);
}
const result = JSON.parse(readFileSync(report, 'utf8'));
// A test file that fails to load has no test results of its own: count it as one failure.
const brokenFiles = (result.testResults ?? []).filter(r => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
console.log(`${result.numPassedTests} passed, ${result.numFailedTests + brokenFiles} failed`);
process.exit(run.status ?? 1);
