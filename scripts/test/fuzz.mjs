// Runs the property tests of test/property/ longer than CI does: many runs per property and a
// random seed (or the one given), printed so that any failure can be replayed exactly.
//   npm run fuzz                          random seed, 1000 runs per property
//   npm run fuzz -- --seed 42 --runs 5000
//   npm run fuzz -- --seed 42 -- test/property/no-crash -t "token"   (vitest arguments after a second --)
// The test files read MESO_FUZZ_SEED and MESO_FUZZ_RUNS (test/helpers/fast-check-settings.ts).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

function usage(message) {
    console.error(`fuzz: ${message}\nusage: npm run fuzz -- [--seed N] [--runs N] [-- vitest arguments]`);
    process.exit(2);
}

const args = process.argv.slice(2);
const options = { seed: String(randomInt(0, 2 ** 31 - 1)), runs: '1000' };
const extra = [];
for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
        extra.push(...args.slice(i + 1));
        break;
    }
    const [name, inline] = arg.split('=', 2);
    if (name !== '--seed' && name !== '--runs') usage(`unknown option ${arg}`);
    const value = inline ?? args[++i];
    if (value === undefined || !/^[0-9]+$/.test(value)) usage(`${name} needs a whole number`);
    options[name.slice(2)] = value;
}

const replay = `npm run fuzz -- --seed ${options.seed} --runs ${options.runs}`;
console.log(`Fuzzing test/property with seed ${options.seed}, ${options.runs} runs per property.`);
// File filters given after `--` replace the whole folder.
const files = extra.some(a => !a.startsWith('-')) ? [] : ['test/property'];
const run = spawnSync('npx', ['vitest', 'run', ...files, '--testTimeout=0', ...extra], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, MESO_FUZZ_SEED: options.seed, MESO_FUZZ_RUNS: options.runs }
});
if (run.status === 0) {
    console.log(`No failure with seed ${options.seed} (${options.runs} runs per property).`);
} else {
    console.log(`Failure with seed ${options.seed}. Replay it with: ${replay}${extra.length ? ` -- ${extra.join(' ')}` : ''}`);
    console.log('fast-check prints the counterexample and its path above; add the shrunk input as a regression test.');
}
process.exit(run.status ?? 1);
