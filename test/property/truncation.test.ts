import { describe, expect, test } from 'vitest';
import { corpus, folder } from '../helpers/corpus.js';
import { fuzzing, propertyTimeout } from '../helpers/fast-check-settings.js';
import { Workbench } from '../helpers/workbench.js';

const bench = new Workbench();

/**
 * Exhaustive sweeps of one file (no randomness): the reference protocol of the language,
 * which uses every protocol construct and imports a formulary. Under `npm run fuzz` every
 * example and fixture is swept.
 */
const chosen = ['examples/low-back-pain.meso'];
const swept = fuzzing ? corpus : corpus.filter(f => chosen.includes(f.path));

describe('no layer crashes on any prefix or any line deletion', () => {
    test.each(swept.map(f => [f.path, f] as const))('%s truncated at every position', async (_, file) => {
        expect(file.text.length).toBeGreaterThan(0);
        for (let at = 0; at <= file.text.length; at++) {
            try {
                await bench.with(file.text.slice(0, at), folder(file), doc => bench.everyLayer(doc));
            } catch (e) {
                throw new Error(`${file.path} cut at ${at}: ${(e as Error).message}`, { cause: e });
            }
        }
    }, propertyTimeout);

    test.each(swept.map(f => [f.path, f] as const))('%s with each line deleted in turn', async (_, file) => {
        const lines = file.text.split('\n');
        for (let i = 0; i < lines.length; i++) {
            const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
            try {
                await bench.with(text, folder(file), doc => bench.everyLayer(doc));
            } catch (e) {
                throw new Error(`${file.path} without line ${i + 1}: ${(e as Error).message}`, { cause: e });
            }
        }
    }, propertyTimeout);
});
