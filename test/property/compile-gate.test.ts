import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runMeso } from '../../src/cli/program.js';
import { mutant, mutantFolder, structuredText, tokenText } from '../helpers/arbitraries.js';
import { runs, propertyTimeout } from '../helpers/fast-check-settings.js';
import { hasErrors, validateJson, Workbench } from '../helpers/workbench.js';

const bench = new Workbench();

/**
 * The editor's compile request (the gate shared with the CLI: no error in the file or its imports)
 * refuses every document with an error, and what it does compile validates against the schema.
 */
async function gateHolds(text: string, folder: string): Promise<void> {
    await bench.with(text, folder, async doc => {
        const result = await bench.compileRequestFor(doc);
        if (hasErrors(doc)) {
            expect(result.documents, 'a document with an error compiled').toEqual([]);
            expect(result.errors.length).toBeGreaterThan(0);
            return;
        }
        expect(result.errors).toEqual([]);
        for (const out of result.documents) {
            const ok = validateJson(JSON.parse(out.text));
            expect(ok, `${out.fileName} breaks the schema: ${JSON.stringify(validateJson.errors)}`).toBe(true);
        }
    });
}

describe('compiling never succeeds with an error, and its output always fits the schema', () => {
    test('well-formed protocols and patients with random figures', async () => {
        await fc.assert(fc.asyncProperty(structuredText, text => gateHolds(text, '')), runs(7201, 200));
    }, propertyTimeout);

    test('mutated examples and fixtures', async () => {
        await fc.assert(fc.asyncProperty(mutant, m => gateHolds(m.text, mutantFolder(m))), runs(7202, 200));
    }, propertyTimeout);

    test('random token sequences', async () => {
        await fc.assert(fc.asyncProperty(tokenText, text => gateHolds(text, '')), runs(7203, 100));
    }, propertyTimeout);

    test('meso compile (the CLI) agrees: exit 1 and no file for an error, else valid JSON files', async () => {
        await fc.assert(fc.asyncProperty(structuredText, async text => {
            const expectErrors = await bench.with(text, '', async doc => hasErrors(doc));
            const dir = mkdtempSync(join(tmpdir(), 'meso-prop-'));
            try {
                writeFileSync(join(dir, 'p.meso'), text);
                const out = join(dir, 'out');
                let log = '';
                const code = await runMeso(['compile', join(dir, 'p.meso'), '--out-dir', out], { out: s => { log += s; }, err: s => { log += s; }, env: {} });
                const written = readdirSync(dir).includes('out') ? readdirSync(out) : [];
                if (expectErrors) {
                    expect([code, written], log).toEqual([1, []]);
                } else {
                    expect(code, log).toBe(0);
                    for (const f of written) expect(validateJson(JSON.parse(readFileSync(join(out, f), 'utf8'))), f).toBe(true);
                }
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        }), runs(7204, 15));
    }, propertyTimeout);
});
