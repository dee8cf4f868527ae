import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mutant, mutantFolder, structuredText } from '../helpers/arbitraries.js';
import { runs, propertyTimeout } from '../helpers/fast-check-settings.js';
import { codesOf, parses, Workbench } from '../helpers/workbench.js';

const bench = new Workbench();

/** Compiled JSON without the positions of warnings (formatting moves lines, not meaning). */
function meaning(outputs: string[]): unknown[] {
    return outputs.map(text => {
        const doc = JSON.parse(text) as { warnings?: Array<Record<string, unknown>> };
        for (const w of doc.warnings ?? []) {
            delete w.line;
            delete w.column;
        }
        return doc;
    });
}

/**
 * On every input that parses: formatting twice gives the text formatting once gave, and the
 * formatted text parses, has the same diagnostic codes and compiles to the same JSON.
 */
async function formatsIdempotentlyAndFaithfully(text: string, folder: string): Promise<void> {
    // Both versions are built under one name: messages may name the file.
    const name = 'formatted.meso';
    const before = await bench.with(text, folder, async doc => parses(doc)
        ? { formatted: await bench.format(doc), codes: codesOf(doc), json: meaning(bench.compile(doc)) }
        : undefined, name);
    if (!before) return;
    const once = before.formatted;
    await bench.with(once, folder, async formatted => {
        expect(parses(formatted), `formatted text does not parse:\n${once}`).toBe(true);
        expect(await bench.format(formatted), `format(format(x)) differs from format(x):\n${once}`).toBe(once);
        expect(codesOf(formatted), `diagnostic codes changed; formatted:\n${once}`).toEqual(before.codes);
        expect(meaning(bench.compile(formatted)), `compiled JSON changed; formatted:\n${once}`).toEqual(before.json);
    }, name);
}

describe('the formatter is idempotent and keeps the meaning', () => {
    test('on well-formed protocols with random figures', async () => {
        await fc.assert(fc.asyncProperty(structuredText, text => formatsIdempotentlyAndFaithfully(text, '')), runs(7101, 80));
    }, propertyTimeout);

    test('on mutated examples and fixtures that still parse', async () => {
        await fc.assert(fc.asyncProperty(mutant, m => formatsIdempotentlyAndFaithfully(m.text, mutantFolder(m))), runs(7102, 150));
    }, propertyTimeout);
});
