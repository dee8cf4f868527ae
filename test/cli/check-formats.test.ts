import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { meso, tempDir } from '../helpers/compile.js';

const dir = tempDir('meso-formats-');
writeFileSync(join(dir, 'p.meso'), `protocol p {
    indication pain
    patients from 60 kg
    mixture m { piroxicam 2 mL }
    technique t { needle 30G 4 mm  depth IDS  0.5 mL per point  4 points }
    session s { inject m using t }
    schedule { phase a: 2 sessions of s every 2 days }
}
require skin test source "clinic policy"
`);
const file = join(dir, 'p.meso');

async function check(...args: string[]) {
    const previous = process.cwd();
    process.chdir(dir);
    try {
        return await meso(['check', 'p.meso', ...args]);
    } finally {
        process.chdir(previous);
    }
}

describe('meso check output formats', () => {
    test('text: one line per problem, then a summary', async () => {
        const r = await check();
        expect(r.code).toBe(1);
        expect(r.out.split('\n').slice(0, 4)).toEqual([
            "p.meso:1:10: warning missing-skin-test: Protocol 'p' plans no skin test before the first session, which is required (p.meso: clinic policy): add 'skin test 2 days before first session', or 'skin test not needed \"<reason>\"'.",
            expect.stringMatching(/^p\.meso:4:27: error overdose-session: 'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session \(std: /),
            expect.stringMatching(/^p\.meso:5:47: warning volume-per-point: 0\.5 mL per point/),
            expect.stringMatching(/^p\.meso:7:47: warning interval-too-short: Sessions 1 and 2 are 2 days apart/)
        ]);
        expect(r.out.trimEnd().split('\n').pop()).toBe('1 file checked: 1 error, 3 warnings.');
    });

    test('json: the documented array of problems', async () => {
        const r = await check('--format', 'json');
        const problems = JSON.parse(r.out);
        expect(problems[1]).toEqual({ file: 'p.meso', line: 4, column: 27, endLine: 4, endColumn: 31, severity: 'error', code: 'overdose-session', message: expect.any(String) });
        expect(problems).toHaveLength(4);
    });

    test('github: workflow annotations with escaped properties', async () => {
        const r = await check('--format', 'github');
        const lines = r.out.trimEnd().split('\n');
        expect(lines[1]).toMatch(/^::error file=p\.meso,line=4,col=27,endLine=4,endColumn=31,title=meso overdose-session::'piroxicam' /);
        expect(lines[0]).toMatch(/^::warning file=p\.meso,line=1,col=10,/);
    });

    test('github: no col/endColumn on a range over several lines (GitHub does not allow them there)', async () => {
        const { formatGithub } = await import('../../src/cli/formats/github.js');
        const problem = { file: 'p.meso', severity: 'warning' as const, code: 'c', message: 'm', line: 2, column: 3, endLine: 4, endColumn: 5 };
        expect(formatGithub({ filesChecked: 1, errors: 0, warnings: 2, problems: [problem, { ...problem, endLine: 2 }] })).toBe(
            '::warning file=p.meso,line=2,endLine=4,title=meso c::m\n::warning file=p.meso,line=2,col=3,endLine=2,endColumn=5,title=meso c::m\n');
    });

    test('sarif: valid SARIF 2.1.0 with rules, regions and fingerprints', async () => {
        const r = await check('--format', 'sarif');
        const log = JSON.parse(r.out);
        // The SARIF 2.1.0 schema the SARIF Multitool ships (draft 2020-12), with ajv's 2020 build;
        // the Multitool itself checks the log in test/cli/sarif-multitool.test.ts.
        const require = createRequire(import.meta.url);
        const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8')) as object;
        const Ajv2020 = (require('ajv/dist/2020') as { default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } } }).default;
        const validate = new Ajv2020({ allErrors: true, strict: false }).compile(sarifSchema);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('overdose-session');
        expect(run.results[1]).toMatchObject({ ruleId: 'overdose-session', level: 'error',
            locations: [{ physicalLocation: { artifactLocation: { uri: 'p.meso' }, region: { startLine: 4, startColumn: 27, endLine: 4, endColumn: 31 } } }] });
        expect(Object.values(run.results[1].partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    });

    test('--quiet keeps errors only; the exit code is unchanged', async () => {
        const r = await check('--quiet');
        expect(r.code).toBe(1);
        expect(r.out.split('\n').filter(l => l.startsWith('p.meso'))).toHaveLength(1);
    });
});

describe('--max-warnings', () => {
    const warningsOnly = join(tempDir('meso-warn-'), 'w.meso');
    // One warning: the skin test that the file's clinic policy asks for.
    writeFileSync(warningsOnly, 'protocol w {\n    indication pain\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 2 sessions of s every 7 days }\n}\nrequire skin test\n');

    test('warnings within the limit exit 0, over it exit 1', async () => {
        expect((await meso(['check', warningsOnly])).code).toBe(0);
        expect((await meso(['check', warningsOnly, '--max-warnings', '1'])).code).toBe(0);
        const over = await meso(['check', warningsOnly, '--max-warnings', '0']);
        expect(over.code).toBe(1);
        expect(over.out).toContain('Too many warnings: 1 (at most 0 allowed by --max-warnings).');
    });

    test('a non-number is a usage error', async () => {
        const r = await meso(['check', warningsOnly, '--max-warnings', 'many']);
        expect(r.code).toBe(2);
        expect(r.err).toContain('expected a whole number');
    });
});

describe('colour (no-color.org, and FORCE_COLOR as Node reads it)', () => {
    const RED = '\u001b[31merror\u001b[39m';
    const run = async (args: string[], env: Record<string, string | undefined>, isTTY: boolean) => {
        const { runMeso } = await import('../../src/cli/program.js');
        let out = '';
        await runMeso(['check', file, ...args], { out: s => { out += s; }, err: () => undefined, isTTY, env });
        return out.includes(RED) ? 'colour' : out.includes('\u001b[') ? 'other escapes' : 'plain';
    };

    test.each([
        ['a terminal', [], {}, true, 'colour'],
        ['a pipe', [], {}, false, 'plain'],
        ['--no-color on a terminal', ['--no-color'], {}, true, 'plain'],
        ['--color into a pipe', ['--color'], {}, false, 'colour'],
        ['NO_COLOR=1 on a terminal', [], { NO_COLOR: '1' }, true, 'plain'],
        ['an empty NO_COLOR= on a terminal (no-color.org: only a non-empty value counts)', [], { NO_COLOR: '' }, true, 'colour'],
        ['FORCE_COLOR=1 into a pipe', [], { FORCE_COLOR: '1' }, false, 'colour'],
        ['an empty FORCE_COLOR= into a pipe (Node: on)', [], { FORCE_COLOR: '' }, false, 'colour'],
        ['FORCE_COLOR=0 on a terminal', [], { FORCE_COLOR: '0' }, true, 'plain'],
        ['FORCE_COLOR=false on a terminal', [], { FORCE_COLOR: 'false' }, true, 'plain'],
        ['FORCE_COLOR=1 beats NO_COLOR=1 (as in Node)', [], { FORCE_COLOR: '1', NO_COLOR: '1' }, false, 'colour'],
        ['--no-color beats FORCE_COLOR=1', ['--no-color'], { FORCE_COLOR: '1' }, true, 'plain'],
        ['TERM=dumb on a terminal', [], { TERM: 'dumb' }, true, 'plain']
    ] as const)('%s: %s', async (_what, args, env, isTTY, expected) => {
        expect(await run([...args], env, isTTY)).toBe(expected);
    });

    test('json, sarif and the other machine formats never carry colour', async () => {
        const { runMeso } = await import('../../src/cli/program.js');
        for (const format of ['json', 'sarif', 'github', 'junit', 'gitlab']) {
            let out = '';
            await runMeso(['check', file, '--format', format, '--color'], { out: s => { out += s; }, err: () => undefined, isTTY: true, env: { FORCE_COLOR: '3' } });
            expect(out, format).not.toContain('\u001b');
        }
    });
});
