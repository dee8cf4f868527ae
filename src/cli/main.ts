import { runMeso } from './program.js';

// The only place that touches the process: everything else returns an exit code.
runMeso(process.argv.slice(2), { out: s => process.stdout.write(s), err: s => process.stderr.write(s), isTTY: process.stdout.isTTY })
    .then(code => { process.exitCode = code; });
