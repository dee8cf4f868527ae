import fc from 'fast-check';
import { describe, test } from 'vitest';
import { mutant, mutantFolder, mutantOf, randomText, structuredText, tokenText } from '../helpers/arbitraries.js';
import { corpus } from '../helpers/corpus.js';
import { runs, propertyTimeout } from '../helpers/fast-check-settings.js';
import { Workbench } from '../helpers/workbench.js';

const bench = new Workbench();

/**
 * Parser, linker, validator, semantics, compiler and formatter on any text: none throws, and no
 * diagnostic reports an exception Langium caught (`An error occurred during validation`, …).
 */
describe('no layer crashes on any input', () => {
    test('random text: ASCII, graphemes and raw UTF-16 code units', async () => {
        await fc.assert(fc.asyncProperty(randomText, text =>
            bench.with(text, '', doc => bench.everyLayer(doc))), runs(7001, 150));
    }, propertyTimeout);

    test('random sequences of keywords, units, numbers, names, strings and braces', async () => {
        await fc.assert(fc.asyncProperty(tokenText, text =>
            bench.with(text, '', doc => bench.everyLayer(doc))), runs(7002, 250));
    }, propertyTimeout);

    test('well-formed protocols and patients with random figures and units in every slot', async () => {
        await fc.assert(fc.asyncProperty(structuredText, text =>
            bench.with(text, '', doc => bench.everyLayer(doc))), runs(7004, 150));
    }, propertyTimeout);

    test('the examples, importing a mutated clinic formulary', async () => {
        // Mutants above import intact files; here the imported side is broken and every example protocol reads it.
        const formulary = mutantOf(corpus.filter(f => f.path === 'examples/clinic-formulary.meso'));
        const importers = corpus.filter(f => f.path.startsWith('examples/') && f.text.includes('import "clinic-formulary.meso"'));
        await fc.assert(fc.asyncProperty(formulary, async m => {
            const lib = bench.freshName();
            const files = [{ name: lib, text: m.text }, ...importers.map(f => ({ name: bench.freshName(), text: f.text.replace('import "clinic-formulary.meso"', `import "${lib}"`) }))];
            await bench.withFiles(files, 'examples', async docs => {
                for (const doc of docs) await bench.everyLayer(doc);
            });
        }), runs(7005, 40));
    }, propertyTimeout);

    test('examples and fixtures with lines or characters deleted, duplicated or swapped', async () => {
        await fc.assert(fc.asyncProperty(mutant, m =>
            bench.with(m.text, mutantFolder(m), doc => bench.everyLayer(doc))), runs(7003, 250));
    }, propertyTimeout);
});
