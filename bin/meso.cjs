#!/usr/bin/env node
// Entry of the `meso` command. The bundle sets the exit code itself; if the bundle cannot
// even load, say so in one line and exit 2 (internal failure) instead of a stack trace.
try {
    require('../out/cli.cjs');
} catch (e) {
    process.stderr.write(`meso: internal error: ${e && e.message ? e.message : String(e)} (was 'npm run build' run?)\n`);
    process.exitCode = 2;
}
