import fc from 'fast-check';
import { describe, test } from 'vitest';
import { mutant, mutantFolder, structuredText, tokenText } from '../helpers/arbitraries.js';
import { runs, propertyTimeout } from '../helpers/fast-check-settings.js';
import { Workbench } from '../helpers/workbench.js';

const bench = new Workbench();

/** Positions as fractions of the text, so that they shrink with it. */
const positions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });

async function hoverAndCompleteAnywhere(text: string, folder: string, at: number[]): Promise<void> {
    await bench.with(text, folder, async doc => {
        for (const x of at) await bench.hoverAndComplete(doc, Math.floor(x * text.length));
        await bench.wholeDocumentFeatures(doc);
    });
}

describe('hover and completion never throw, wherever the cursor is (nor inlay hints, lenses, actions, symbols, tokens)', () => {
    test('in mutated examples and fixtures', async () => {
        await fc.assert(fc.asyncProperty(mutant, positions, (m, at) => hoverAndCompleteAnywhere(m.text, mutantFolder(m), at)), runs(7301, 120));
    }, propertyTimeout);

    test('in well-formed protocols with random figures', async () => {
        await fc.assert(fc.asyncProperty(structuredText, positions, (text, at) => hoverAndCompleteAnywhere(text, '', at)), runs(7302, 80));
    }, propertyTimeout);

    test('in random token sequences', async () => {
        await fc.assert(fc.asyncProperty(tokenText, positions, (text, at) => hoverAndCompleteAnywhere(text, '', at)), runs(7303, 80));
    }, propertyTimeout);
});
