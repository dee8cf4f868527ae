import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, codes, createTestServices, describeDiagnostics, errors, reset } from '../helpers/services.js';

// Imports that loop, point at themselves, at no .meso file or out of the project: each is
// one located error (or none, for loops), and a refused file is never brought into scope.
const services = createTestServices();
const imports = services.scoping.Imports;
afterEach(async () => {
    imports.setProjectRoots(undefined);
    await reset(services);
});

const lib = (name: string) => `substance ${name} { concentration 1 % source "t" }\n`;
const usesAll = (...names: string[]) => `protocol p { indication pain skin test 2 days before first session mixture m { ${names.map(n => `${n} 1 mL`).join(' ')} } session s { inject m } schedule { phase a: 1 session of s every 7 days } }\n`;

describe('import loops', () => {
    test('a cycle of three files: each sees the others, no error', async () => {
        const docs = await buildFiles(services, {
            'a.meso': `import "b.meso"\n${lib('sa')}${usesAll('sa', 'sb', 'sc')}`,
            'b.meso': `import "c.meso"\n${lib('sb')}`,
            'c.meso': `import "a.meso"\n${lib('sc')}`
        });
        for (const doc of Object.values(docs)) expect(doc.diagnostics, describeDiagnostics(doc)).toEqual([]);
    });

    test('a file importing itself is fine, and its names are not duplicates of themselves', async () => {
        const { 'self.meso': doc } = await buildFiles(services, { 'self.meso': `import "self.meso"\nimport "./self.meso"\n${lib('own')}${usesAll('own')}` });
        expect(doc.diagnostics, describeDiagnostics(doc)).toEqual([]);
    });
});

describe('refused imports', () => {
    test.each([
        ['a folder-like path', 'sub', "Cannot import 'sub': only .meso files can be imported."],
        ['a system file', '../../../../etc/passwd', "Cannot import '../../../../etc/passwd': only .meso files can be imported."],
        ['an absolute path', '/etc/hostname', "Cannot import '/etc/hostname': only .meso files can be imported."]
    ])('%s: only .meso files', async (_name, path, message) => {
        const { 'p.meso': doc } = await buildFiles(services, { 'p.meso': `import "${path}"\n` });
        expect(errors(doc).map(d => [d.code, d.message, d.range.start])).toEqual([['import-unresolved', message, { line: 0, character: 7 }]]);
    });

    test('a missing file', async () => {
        const { 'p.meso': doc } = await buildFiles(services, { 'p.meso': 'import "missing.meso"\n' });
        expect(errors(doc).map(d => d.message)).toEqual(["Cannot import 'missing.meso': no such .meso file at /ws/missing.meso (or it could not be read)."]);
    });

    test('a file its loader could not read says why', async () => {
        imports.setLoadFailure(URI.parse('file:///ws/locked.meso'), 'permission denied');
        const { 'p.meso': doc } = await buildFiles(services, { 'p.meso': 'import "locked.meso"\n' });
        expect(errors(doc).map(d => d.message)).toEqual(["Cannot import 'locked.meso': /ws/locked.meso could not be read (permission denied)."]);
    });

    test('outside the project: an error, and the file stays out of scope even when loaded', async () => {
        imports.setProjectRoots([URI.parse('file:///ws/proj')]);
        const docs = await buildFiles(services, {
            'outside.meso': lib('outer'),
            'proj/in.meso': lib('inner'),
            'proj/p.meso': `import "../outside.meso"\nimport "sub/../in.meso"\n${usesAll('outer', 'inner')}`
        });
        const doc = docs['proj/p.meso'];
        expect(errors(doc).map(d => [d.code, d.message, d.range.start.line]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
            ['import-unresolved', "Cannot import '../outside.meso': /ws/outside.meso is outside the project folder /ws/proj.", 0],
            ['unresolved-name', "Unknown substance 'outer'. Declare it, or import the file that declares it.", 2]
        ]);
    });

    test('a backslash separates folders as a slash does, so ..\\ cannot climb out of the project', async () => {
        imports.setProjectRoots([URI.parse('file:///ws/proj')]);
        const docs = await buildFiles(services, {
            'secret.meso': lib('outer'),
            'proj/sub/lib.meso': lib('inner'),
            // In a Meso string a backslash is written doubled (`\\`), as in JSON.
            'proj/p.meso': 'import "..\\\\secret.meso"\nimport "sub\\\\lib.meso"\n'
        });
        expect(errors(docs['proj/p.meso']).map(d => d.message)).toEqual([
            "Cannot import '..\\secret.meso': /ws/secret.meso is outside the project folder /ws/proj."
        ]);
    });

    test('a project folder is not a prefix match: /ws/proj2 is outside /ws/proj', async () => {
        imports.setProjectRoots([URI.parse('file:///ws/proj')]);
        const { 'proj/p.meso': doc } = await buildFiles(services, { 'proj2/lib.meso': lib('x'), 'proj/p.meso': 'import "../proj2/lib.meso"\n' });
        expect(codes(doc)).toEqual(['import-unresolved']);
    });
});

describe('duplicate names across many files', () => {
    test('200 files declaring one name: one error on the file that imports them all', async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 200; i++) files[`f${i}.meso`] = lib('dup');
        files['main.meso'] = `${Array.from({ length: 200 }, (_, i) => `import "f${i}.meso"`).join('\n')}\n${lib('dup')}`;
        const docs = await buildFiles(services, files);
        expect(errors(docs['main.meso']).map(d => [d.message, d.range.start])).toEqual([["'dup' is declared more than once (also declared in f0.meso).", { line: 200, character: 10 }]]);
        expect(errors(docs['f7.meso'])).toEqual([]);
    });

    test('a ring of 50 files declaring one name: every file has the error', async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 50; i++) files[`r${i}.meso`] = `import "r${(i + 1) % 50}.meso"\n${lib('dup')}`;
        const docs = await buildFiles(services, files);
        for (const doc of Object.values(docs)) expect(codes(doc)).toEqual(['duplicate-name']);
    });
});
