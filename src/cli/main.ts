import { runMeso } from './program.js';

// The only place that touches process.exit: everything else returns an exit code.
runMeso(process.argv.slice(2), { out: s => process.stdout.write(s), err: s => process.stderr.write(s) })
    .then(code => { process.exitCode = code; });
