import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { root, tempDir } from '../helpers/compile.js';
import { run } from '../helpers/child-process.js';

// Input whose size once grew the stack: long runs of hidden tokens (Langium's CST builder passed a
// run of comments as one argument each) and deep nesting. The built `meso` runs in a child process,
// as CI runs it: it must answer with diagnostics and an exit code, never a stack trace. The
// timeouts only turn a hang into a failure; nothing is timed.
const OVERDOSE = `protocol od "Overdose" {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 2 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

describe('input that grew the stack, through the built CLI', { timeout: 120_000 }, () => {
    const dir = tempDir('meso-depth-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const check = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return run(process.execPath, [join(root, 'bin/meso.cjs'), 'check', name, '--format', 'json'], { cwd: dir, timeout: 100_000 });
    };
    const problems = (out: string) => (JSON.parse(out) as { code: string; line: number; column: number }[]).map(p => `${p.code} ${p.line}:${p.column}`);

    test('130,000 comment lines (650 KB) before a protocol: parsed and checked in full', () => {
        const r = check('comments.meso', '// x\n'.repeat(130_000) + OVERDOSE);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
        expect(problems(r.out)).toEqual(['overdose-session 130004:27']);
    });

    test('130,000 comments inside a protocol, between two of its tokens', () => {
        const [head, tail] = [OVERDOSE.slice(0, OVERDOSE.indexOf('    mixture')), OVERDOSE.slice(OVERDOSE.indexOf('    mixture'))];
        const r = check('inside.meso', head + '    /* x */\n'.repeat(130_000) + tail);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
        expect(problems(r.out)).toEqual(['overdose-session 130004:27']);
    });

    test('100,000 nested braces: syntax errors at their places, no stack trace', () => {
        const r = check('braces.meso', `protocol p "x" ${'{'.repeat(100_000)}${'}'.repeat(100_000)}\n` + OVERDOSE);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
        // The second '{' (a protocol body holds members, not blocks), the first unmatched '}';
        // the protocol after them is checked.
        expect(problems(r.out)).toEqual(['syntax-error 1:17', 'syntax-error 1:100017', 'overdose-session 5:27']);
        expect(r.out).not.toMatch(/\bat .+:\d+:\d+\)|call stack|An error occurred/);
    });
});
