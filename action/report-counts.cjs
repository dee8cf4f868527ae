#!/usr/bin/env node
'use strict';
// The action's outputs `errors` and `warnings`, counted in the report meso wrote:
// `node report-counts.cjs <format> <report file>` prints `errors=N` and `warnings=N` lines for
// $GITHUB_OUTPUT. Formats: sarif (results by level), github (one annotation per line: meso
// escapes line breaks in the data), json (problems by severity).
const fs = require('node:fs');

const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
let severities;
if (format === 'sarif') {
    severities = JSON.parse(text).runs.flatMap(run => run.results ?? []).map(r => r.level ?? 'warning');
} else if (format === 'github') {
    severities = text.split('\n').map(line => /^::(error|warning|notice) /.exec(line)?.[1]).filter(Boolean);
} else if (format === 'json') {
    severities = JSON.parse(text).map(p => p.severity);
} else {
    process.stderr.write(`meso action: no counts for format '${format}' (sarif, github or json)\n`);
    process.exit(0);
}
const count = level => severities.filter(s => s === level).length;
process.stdout.write(`errors=${count('error')}\nwarnings=${count('warning')}\n`);
