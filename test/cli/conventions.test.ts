import { readdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync, mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, test } from 'vitest';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { root, tempDir } from '../helpers/compile.js';
import { files, runMeso } from '../helpers/faults.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';

// The conventions of ESLint, Prettier and Ruff: format, --stdin, -o, junit and gitlab
// reports, meso lsp. Each runs the bundled CLI as users run it.

const MESSY = 'protocol   p {\nindication pain\n  skin test 2 days before first session\n  mixture m {saline 1 mL}\n session s { inject m }\n schedule { phase a: 1 session of s every 7 days }\n}\n';
const TIDY = 'protocol p {\n    indication pain\n    skin test 2 days before first session\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 1 session of s every 7 days }\n}\n';

describe('meso format', () => {
    test('--check lists the files it would change and exits 1; exit 0 when all are formatted', () => {
        const dir = tempDir();
        files(dir, { 'a.meso': MESSY, 'sub/b.meso': TIDY, 'sub/c.meso': MESSY });
        const r = runMeso(['format', '--check', '.'], dir);
        expect(r).toMatchObject({ code: 1, err: '', out: 'Would reformat: a.meso\nWould reformat: sub/c.meso\n2 files would be reformatted, 1 file already formatted.\n' });
        expect(readFileSync(join(dir, 'a.meso'), 'utf8')).toBe(MESSY);
        expect(runMeso(['format', '--check', 'sub/b.meso'], dir)).toMatchObject({ code: 0, out: '1 file already formatted.\n' });
    });

    test('--write rewrites them at their real path (a symbolic link stays one); a second --check is clean', () => {
        const dir = tempDir();
        files(dir, { 'a.meso': MESSY, 'real/c.meso': MESSY });
        symlinkSync(join(dir, 'real/c.meso'), join(dir, 'link.meso'));
        const r = runMeso(['format', '--write', 'a.meso', 'link.meso'], dir);
        expect(r).toMatchObject({ code: 0, err: '', out: 'Formatted: a.meso\nFormatted: link.meso\n2 files reformatted.\n' });
        expect(readFileSync(join(dir, 'a.meso'), 'utf8')).toBe(TIDY);
        expect(lstatSync(join(dir, 'link.meso')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, 'real/c.meso'), 'utf8')).toBe(TIDY);
        expect(runMeso(['format', '--check', '.'], dir).code).toBe(0);
        expect(readdirSync(dir).filter(f => f.startsWith('.'))).toEqual([]);
    });

    test('without a flag: one file printed formatted; several files are a usage error', () => {
        const dir = tempDir();
        files(dir, { 'a.meso': MESSY, 'b.meso': MESSY });
        expect(runMeso(['format', 'a.meso'], dir)).toMatchObject({ code: 0, out: TIDY, err: '' });
        const several = runMeso(['format', '.'], dir);
        expect(several).toMatchObject({ code: 2, out: '', err: 'meso: 2 files to format: without --check or --write, meso format prints one file\'s formatted text.\n' });
    });

    test('a syntax error, a binary file: not formatted, one line each, exit 2; the others are still checked', () => {
        const dir = tempDir();
        files(dir, { 'a.meso': MESSY, 'broken.meso': 'protocol q {\n' });
        writeFileSync(join(dir, 'bin.meso'), Buffer.from([0x70, 0x00, 0xff]));
        const r = runMeso(['format', '--check', '.'], dir);
        expect(r.code).toBe(2);
        expect(r.err).toBe("meso: bin.meso:1:2: cannot be formatted: Not a text file: it holds a NUL byte here (binary data?). A .meso file is UTF-8 text.\nmeso: broken.meso:2:1: cannot be formatted: syntax error: Expecting token of type '}' but found ``.\n");
        expect(r.out).toBe('Would reformat: a.meso\n1 file would be reformatted, 2 files not formatted (errors above).\n');
    });

    test('--stdin prints the formatted text; with --check it exits 1 naming --stdin-filename', () => {
        const dir = tempDir();
        expect(runMeso(['format', '--stdin'], dir, { input: MESSY })).toMatchObject({ code: 0, out: TIDY, err: '' });
        expect(runMeso(['format', '--stdin', '--check', '--stdin-filename', 'protocols/p.meso'], dir, { input: MESSY }))
            .toMatchObject({ code: 1, out: 'Would reformat: protocols/p.meso\n' });
        expect(runMeso(['format', '--stdin', '--check'], dir, { input: TIDY })).toMatchObject({ code: 0, out: '' });
    });

    test('every example, unformatted then formatted, compiles to the same JSON as the example', () => {
        const dir = tempDir();
        cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
        const examples = readdirSync(join(dir, 'examples'), { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.meso'));
        expect(examples.length).toBeGreaterThan(5);
        // The Italian twins (examples/it/) have the same protocol names: compiled to a folder of their own.
        const compileBoth = (to: string) => {
            expect(runMeso(['compile', 'examples', '--ignore-pattern', 'examples/it', '--out-dir', to], dir).code).toBe(0);
            expect(runMeso(['compile', 'examples/it', '--out-dir', `${to}/it`], dir).code).toBe(0);
        };
        compileBoth('before');
        // Undo the layout: indentation dropped and every space between tokens doubled (outside
        // strings, whose text is data). Line breaks stay: a `// meso-ignore` comment applies to the next line.
        const mangle = (line: string) => line.trimStart().split('"').map((part, i) => i % 2 === 0 ? part.replace(/ (?=\S)/g, '  ') : part).join('"');
        for (const f of examples) {
            const text = readFileSync(join(dir, 'examples', f), 'utf8');
            writeFileSync(join(dir, 'examples', f), text.split('\n').map(mangle).join('\n'));
        }
        expect(runMeso(['format', '--check', 'examples'], dir).code).toBe(1);
        expect(runMeso(['format', '--write', 'examples'], dir).code).toBe(0);
        compileBoth('after');
        const outputs = readdirSync(join(dir, 'before'), { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.json')).sort();
        expect(readdirSync(join(dir, 'after'), { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.json')).sort()).toEqual(outputs);
        for (const f of outputs) expect(readFileSync(join(dir, 'after', f), 'utf8'), f).toBe(readFileSync(join(dir, 'before', f), 'utf8'));
        // And formatting the formatted files changes nothing.
        expect(runMeso(['format', '--check', 'examples'], dir).code).toBe(0);
    }, 120_000);
});

describe('meso check --stdin, -o/--output-file', () => {
    test('--stdin checks the text as --stdin-filename, imports resolved beside it; only that file is reported', () => {
        const dir = tempDir();
        files(dir, { 'protocols/lib.meso': 'substance foo { concentration 10 mg/mL max 5 mg per session source "t" }\n' });
        const text = 'import "lib.meso"\nprotocol p { indication pain skin test 2 days before first session mixture m { foo 1 mL } session s { inject m } schedule { phase a: 1 session of s every 7 days } }\n';
        const r = runMeso(['check', '--stdin', '--stdin-filename', 'protocols/new.meso', '--format', 'json'], dir, { input: text });
        expect(r.code).toBe(1);
        expect((JSON.parse(r.out) as Array<{ file: string; code: string }>).map(p => [p.file, p.code])).toEqual([['protocols/new.meso', 'overdose-session']]);
        expect(runMeso(['check', '--stdin'], dir, { input: 'substance x { source "t" }\n' })).toMatchObject({ code: 0, out: '1 file checked: 0 errors, 0 warnings.\n' });
    });

    test('--stdin with paths, or over the size limit: exit 2 with a message', () => {
        const dir = tempDir();
        expect(runMeso(['check', '--stdin', 'a.meso'], dir, { input: '' })).toMatchObject({ code: 2, err: 'meso: --stdin reads one text from standard input: give no paths with it (name it with --stdin-filename).\n' });
        expect(runMeso(['check', '--stdin', '--max-file-size', '1kB'], dir, { input: 'x'.repeat(5000) }))
            .toMatchObject({ code: 2, err: 'meso: standard input: it is 5 kB, over the limit of 1 kB per file.\n' });
    });

    test('-o writes the report to a file (atomically), nothing on stdout, the exit code unchanged', () => {
        const dir = tempDir();
        files(dir, { 'p.meso': OVERDOSE_PROTOCOL });
        const r = runMeso(['check', 'p.meso', '-o', 'reports/meso.sarif', '--format', 'sarif'], dir);
        expect(r).toMatchObject({ code: 1, out: '', err: '' });
        expect(JSON.parse(readFileSync(join(dir, 'reports/meso.sarif'), 'utf8')).runs[0].results[0].ruleId).toBe('overdose-session');
        const text = runMeso(['check', 'p.meso', '--output-file', 'meso.txt'], dir);
        expect(text.out).toBe('');
        expect(readFileSync(join(dir, 'meso.txt'), 'utf8')).toMatch(/^p\.meso:5:27: error overdose-session: .*\n1 file checked: 1 error, 0 warnings\.\n$/);
        mkdirSync(join(dir, 'afolder'));
        expect(runMeso(['check', 'p.meso', '-o', 'afolder'], dir)).toMatchObject({ code: 2, err: `meso: cannot write ${join(dir, 'afolder')}: it is a folder (EISDIR).\n` });
    });
});

describe('--format junit and --format gitlab', () => {
    function project() {
        const dir = tempDir();
        files(dir, { 'p.meso': OVERDOSE_PROTOCOL, 'clean.meso': 'substance x { source "t" }\n', 'odd <&>.meso': OVERDOSE_PROTOCOL.replace('protocol p ', 'protocol q ') });
        return dir;
    }

    test('junit: well-formed XML, one testsuite per file, one failing testcase per problem, a passing one for a clean file', () => {
        const r = runMeso(['check', '.', '--format', 'junit'], project());
        expect(r.code).toBe(1);
        expect(XMLValidator.validate(r.out)).toBe(true);
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.out);
        const suites = xml.testsuites.testsuite as Array<{ name: string; tests: string; failures: string; testcase: unknown }>;
        expect(xml.testsuites).toMatchObject({ name: 'meso', tests: '3', failures: '2' });
        expect(suites.map(s => [s.name, s.tests, s.failures])).toEqual([['clean.meso', '1', '0'], ['odd <&>.meso', '1', '1'], ['p.meso', '1', '1']]);
        expect(suites[2].testcase).toMatchObject({
            name: 'overdose-session at p.meso:5:27', classname: 'p.meso',
            failure: { type: 'error', message: expect.stringMatching(/^'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session/), '#text': expect.stringMatching(/^p\.meso:5:27: error overdose-session: /) }
        });
    });

    test('gitlab: the Code Quality fields GitLab requires, fingerprints unique and stable', () => {
        const dir = project();
        const r = runMeso(['check', '.', '--format', 'gitlab'], dir);
        expect(r.code).toBe(1);
        const issues = JSON.parse(r.out) as Array<Record<string, unknown>>;
        expect(issues).toHaveLength(2);
        expect(issues[1]).toEqual({
            type: 'issue', check_name: 'overdose-session', categories: ['Bug Risk'], severity: 'major',
            description: expect.stringMatching(/^overdose-session: 'piroxicam' 40 mg in session 's' exceeds/),
            fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
            location: { path: 'p.meso', lines: { begin: 5, end: 5 } }
        });
        expect(new Set(issues.map(i => i.fingerprint)).size).toBe(2);
        expect(JSON.parse(runMeso(['check', '.', '--format', 'gitlab'], dir).out)).toEqual(issues);
    });
});

describe('meso lsp', () => {
    let client: LspClient | undefined;
    afterAll(async () => { client?.child.kill('SIGKILL'); });

    test('starts the language server on stdio: initialize, then diagnostics for an opened file', async () => {
        const dir = tempDir();
        files(dir, { 'p.meso': OVERDOSE_PROTOCOL });
        // LspClient runs `node <script> --stdio`: a script that runs `meso lsp --stdio`.
        const launcher = join(dir, 'meso-lsp.cjs');
        writeFileSync(launcher, `process.argv.splice(2, 0, 'lsp');\nrequire(${JSON.stringify(join(root, 'bin/meso.cjs'))});\n`);
        client = new LspClient(launcher, { cwd: dir });
        const init = await client.initialize(`file://${dir}`);
        expect((init.result as { capabilities: { hoverProvider?: unknown } }).capabilities.hoverProvider).toBeTruthy();
        const uri = `file://${join(dir, 'p.meso')}`;
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text: OVERDOSE_PROTOCOL } });
        const published = await client.nextDiagnostics(uri, 30_000);
        expect((published.diagnostics as Array<{ code: string }>).map(d => d.code)).toContain('overdose-session');
        await client.shutdown();
        expect((await client.exited).code).toBe(0);
    }, 60_000);
});
