import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';
import { tempDir } from '../helpers/compile.js';
import { mesoCommand, runMeso, runShell } from '../helpers/faults.js';

// Fault injection, output: a reader that closes the pipe, a full output device, and file
// names made to break lines or to be read as GitHub Actions workflow commands.

/** A folder of 200 files with problems: enough output to fill a pipe that `head` closes. */
function manyProblems(): string {
    const dir = tempDir();
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, `p${i}.meso`), OVERDOSE_PROTOCOL.replace('protocol p ', `protocol p${i} `));
    return dir;
}

describe('stdout closed or full', () => {
    const dir = manyProblems();

    test.each([
        ['text', `check . | head -1`],
        ['json', `check . --format json | head -c 100`],
        ['sarif', `check . --format sarif | head -c 100`],
        ['github', `check . --format github | head -1`]
    ])('%s into a pipe its reader closes: no stack trace, the run\'s own exit code', (_format, command) => {
        // bash, for PIPESTATUS: the exit code of meso, not of head.
        const r = runShell(`bash -c '${mesoCommand.replace(/'/g, "'\\''")} ${command.replace(/'/g, "'\\''")} >/dev/null; exit \${PIPESTATUS[0]}'`, dir);
        expect(r.hung).toBe(false);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
    });

    test('stdout on /dev/full (ENOSPC): one line and exit 2', () => {
        for (const format of ['text', 'json', 'sarif']) {
            const r = runShell(`${mesoCommand} check . --format ${format} > /dev/full`, dir);
            expect(r.err).toBe('meso: cannot write the output: no space left on the device (ENOSPC).\n');
            expect(r.code).toBe(2);
        }
    }, 90_000); // three runs of the CLI: 13 s alone, over 20 s with the machine's cores shared
});

describe('file names that try to break a line or start a workflow command', () => {
    const NAMES = ['evil\n::error file=evil.meso,line=1::pwned.meso', '::warning x.meso', '  ::notice y.meso', 'a##[error]b.meso', 'esc\u001b[31mred.meso', 'rtl\u202eosem.meso'];

    function folder(): string {
        const dir = tempDir();
        for (const name of NAMES) writeFileSync(join(dir, name), OVERDOSE_PROTOCOL.replace('protocol p ', `protocol p${NAMES.indexOf(name)} `));
        return dir;
    }

    /** No line is a workflow command, in the runner's current syntax (`::` after blanks) or its old one (`##[` anywhere). */
    function inert(text: string, allowOwnCommands = false): void {
        for (const line of text.split('\n')) {
            const ours = allowOwnCommands && line.startsWith('::');
            if (!ours) expect(line.trimStart().startsWith('::'), line).toBe(false);
            // One of our own commands parses as such, so the runner never reads it the old way.
            if (!ours) expect(line).not.toContain('##[');
            // eslint-disable-next-line no-control-regex
            expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
        }
    }

    test('text: every problem on one line, control characters escaped, no line a command', () => {
        const dir = folder();
        const r = runMeso(['check', '.'], dir);
        expect(r.code).toBe(1);
        inert(r.out);
        inert(r.err);
        const lines = r.out.trimEnd().split('\n');
        expect(lines).toHaveLength(NAMES.length + 1);
        expect(lines).toContain("evil\\n::error file=evil.meso,line=1::pwned.meso:5:27: error overdose-session: 'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session (std: Feldene (piroxicam) capsules, US prescribing information (Pfizer, revised 2021), DailyMed setid dedef9e5-23de-49ff-895a-30906b5c7da3: 20 mg once a day; evidence: design).");
        expect(lines.some(l => l.startsWith('\\x3a:warning x.meso:5:27: error overdose-session'))).toBe(true);
        expect(lines.some(l => l.startsWith('  \\x3a:notice y.meso:5:27:'))).toBe(true);
        expect(lines.some(l => l.startsWith('a#\\x23[error]b.meso:5:27:'))).toBe(true);
        expect(lines.some(l => l.startsWith('esc\\x1b[31mred.meso:5:27:'))).toBe(true);
        expect(lines.some(l => l.startsWith('rtl\\u202eosem.meso:5:27:'))).toBe(true);
    });

    test('github: one annotation per problem, each a command of ours with its data escaped', () => {
        const dir = folder();
        const r = runMeso(['check', '.', '--format', 'github'], dir);
        const lines = r.out.trimEnd().split('\n');
        expect(lines).toHaveLength(NAMES.length);
        for (const line of lines) expect(line).toMatch(/^::error file=[^\n]*,line=5,col=27,endLine=5,endColumn=31,title=meso overdose-session::'piroxicam' /);
        expect(lines.filter(l => l.startsWith('::error file=evil%0A%3A%3Aerror file=evil.meso%2Cline=1%3A%3Apwned.meso,line=5,'))).toHaveLength(1);
        inert(r.out, true);
    });

    test('json and sarif: the names survive exactly once parsed, and the text holds no command', () => {
        const dir = folder();
        const json = runMeso(['check', '.', '--format', 'json'], dir);
        inert(json.out);
        expect(new Set((JSON.parse(json.out) as Array<{ file: string }>).map(p => p.file))).toEqual(new Set(NAMES));
        const sarif = runMeso(['check', '.', '--format', 'sarif'], dir);
        inert(sarif.out);
    });

    test('messages on stderr: a missing path with a newline and a command stays on one inert line', () => {
        const r = runMeso(['check', 'no\n::error::x.meso', '##[set-output name=x;]y'], tempDir());
        expect(r.code).toBe(2);
        expect(r.err).toBe('meso: no\\n::error::x.meso: no such file or folder.\n');
        inert(r.err);
        const usage = runMeso(['check', '--format', 'x\n::error::bad'], tempDir());
        expect(usage.code).toBe(2);
        inert(usage.err);
        expect(usage.err).toContain("argument 'x\n\\x3a:error::bad' is invalid");
    });

    test('compile: wrote and removed lines are inert too', () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'p.meso'), OVERDOSE_PROTOCOL.replace("piroxicam 2 mL", "saline 1 mL"));
        const r = runMeso(['compile', 'p.meso', '--out-dir', '::error x\n##[y'], dir);
        inert(r.out);
        expect(r.out).toBe('wrote ::error x\\n#\\x23[y/p.json\n');
    });
});
