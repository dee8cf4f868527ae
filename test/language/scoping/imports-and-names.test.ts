import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../../../src/language/generated/ast.js';
import { buildFiles, codes, createTestServices, describeDiagnostics as list, errors, model, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const PROTOCOL_USING_FOO = `import "lib.meso"
protocol p {
    mixture m { foo 1 mL }
}`;

describe('imports', () => {
    test('an imported file\'s substances are in scope', async () => {
        const docs = await buildFiles(services, { 'lib.meso': 'substance foo { concentration 10 mg/mL }', 'p.meso': PROTOCOL_USING_FOO });
        expect(errors(docs['p.meso']), list(docs['p.meso'])).toEqual([]);
        const mixture = model(docs['p.meso']).elements.find(isProtocol)!.members[0];
        expect(mixture.$type === 'Mixture' && mixture.components[0].substance.ref?.name).toBe('foo');
    });

    test('imports are transitive and cycles are tolerated', async () => {
        const docs = await buildFiles(services, {
            'a.meso': 'import "b.meso"\nsubstance foo { }',
            'b.meso': 'import "a.meso"\nimport "c.meso"',
            'c.meso': 'substance bar { }',
            'p.meso': 'import "b.meso"\nprotocol p { mixture m { foo 1 mL bar 1 mL } }'
        });
        expect(errors(docs['p.meso']), list(docs['p.meso'])).toEqual([]);
        expect(errors(docs['a.meso'])).toEqual([]);
    });

    test('a relative path in a sub-folder resolves against the importing file', async () => {
        const docs = await buildFiles(services, { 'lib/formulary.meso': 'substance foo { }', 'p.meso': 'import "lib/formulary.meso"\nprotocol p { mixture m { foo 1 mL } }' });
        expect(errors(docs['p.meso']), list(docs['p.meso'])).toEqual([]);
    });

    test('a missing import is import-unresolved on the path, and names from it do not resolve', async () => {
        const docs = await buildFiles(services, { 'p.meso': PROTOCOL_USING_FOO });
        const d = docs['p.meso'].diagnostics!.find(x => x.code === 'import-unresolved')!;
        expect(d.severity).toBe(1);
        expect(d.range).toMatchObject({ start: { line: 0, character: 7 }, end: { line: 0, character: 17 } });
        expect(d.message).toContain("Cannot import 'lib.meso'");
        expect(codes(docs['p.meso'])).toContain('unresolved-name');
    });

    test('a protocol does not see a substance of an unrelated workspace file', async () => {
        const docs = await buildFiles(services, {
            'other.meso': 'substance foo { }',
            'p.meso': 'protocol p { mixture m { foo 1 mL } }'
        });
        expect(list(docs['p.meso'])).toContain("unresolved-name Unknown substance 'foo'. Declare it, or import the file that declares it.");
    });
});

describe('std library scope', () => {
    test('std substances are in scope without an import, also by alias', async () => {
        const docs = await buildFiles(services, { 'p.meso': 'protocol p { mixture m { lidocaine 1 mL  lidocaina 1 mL } }' });
        expect(errors(docs['p.meso']), list(docs['p.meso'])).toEqual([]);
        const mixture = model(docs['p.meso']).elements.find(isProtocol)!.members[0];
        expect(mixture.$type === 'Mixture' && mixture.components.map(c => c.substance.ref?.name)).toEqual(['lidocaine', 'lidocaine']);
    });

    test('a local declaration shadows std (info shadows-std) and wins the lookup', async () => {
        const docs = await buildFiles(services, { 'p.meso': 'substance lidocaine { concentration 1 % }\nprotocol p { mixture m { lidocaine 1 mL } }' });
        const d = docs['p.meso'].diagnostics!.find(x => x.code === 'shadows-std')!;
        expect(d.severity).toBe(3);
        expect(d.range).toMatchObject({ start: { line: 0, character: 10 }, end: { line: 0, character: 19 } });
        const mixture = model(docs['p.meso']).elements.find(isProtocol)!.members[0];
        expect(mixture.$type === 'Mixture' && mixture.components[0].substance.ref?.$container).toBe(model(docs['p.meso']));
    });
});

describe('duplicate names', () => {
    test('two declarations of one name in one file', async () => {
        const docs = await buildFiles(services, { 'p.meso': 'substance foo { }\nsubstance foo { }' });
        const dups = docs['p.meso'].diagnostics!.filter(x => x.code === 'duplicate-name');
        expect(dups.map(d => d.range.start.line)).toEqual([1]);
    });

    test('a name declared in an imported file and here', async () => {
        const docs = await buildFiles(services, { 'lib.meso': 'substance foo { }', 'p.meso': 'import "lib.meso"\nsubstance foo { }' });
        const d = docs['p.meso'].diagnostics!.find(x => x.code === 'duplicate-name')!;
        expect(d.message).toBe("'foo' is declared more than once (also declared in lib.meso).");
        expect(d.range.start).toEqual({ line: 1, character: 10 });
    });

    test('an alias that collides with another name', async () => {
        const docs = await buildFiles(services, { 'p.meso': 'substance foo { }\nsubstance bar { aliases "foo" }' });
        expect(codes(docs['p.meso'])).toContain('duplicate-name');
    });

    test('mixtures of one protocol need distinct names', async () => {
        const docs = await buildFiles(services, { 'p.meso': 'protocol p { mixture m { saline 1 mL } mixture m { saline 2 mL } }' });
        expect(codes(docs['p.meso']).filter(c => c === 'duplicate-name')).toHaveLength(1);
    });

    test('the same name in two unrelated files is not a duplicate', async () => {
        const docs = await buildFiles(services, { 'a.meso': 'substance foo { }', 'b.meso': 'substance foo { }' });
        expect(codes(docs['a.meso'])).not.toContain('duplicate-name');
        expect(codes(docs['b.meso'])).not.toContain('duplicate-name');
    });
});
