import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };
import { compileDocument } from '../../src/compiler/compile-document.js';
import { buildFiles, createTestServices, reset } from '../helpers/services.js';
import { asExpectation, formatExpectation, parseFixture } from '../helpers/fixture-harness.js';

/**
 * The corpus of published protocols (test/fixtures/published/): each file is a paper, trial
 * record or label written as published, with the diagnostics a clinician would expect marked
 * inline. Errors, warnings and infos are held exactly (a missing one is a missed danger, an
 * extra one a false alarm); hints (`unused`, faded text in the editor) are not clinical
 * judgements and are left out on both sides. A file without an expected error compiles, and
 * its JSON validates against the schema.
 */
const services = createTestServices();
afterEach(() => reset(services));

const dir = join(import.meta.dirname, '../fixtures/published');
const files = readdirSync(dir).filter(f => f.endsWith('.meso')).sort();
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

function validator() {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    return ajv.compile(schema);
}

describe('published protocols', () => {
    // Raised as files land, so that none is lost: 27 files in all five families.
    test('the corpus keeps its files and indication families', () => {
        expect(files.length).toBeGreaterThanOrEqual(27);
        const indications = new Set(files.flatMap(f => [...read(f).matchAll(/^\s*indication (\w+)/gm)].map(m => m[1])));
        expect([...indications].sort()).toEqual(['aesthetic', 'dermatology', 'pain', 'sports', 'vascular']);
    });

    test.each(files)('%s opens with its citation, the figures used and its assumptions', file => {
        const header = /^(\/\/.*\n)+/.exec(read(file))?.[0] ?? '';
        expect(header, 'a leading // comment block').not.toBe('');
        expect(header).toMatch(/^\/\/ Source: /m);
        expect(header).toMatch(/^\/\/ Figures used/m);
        expect(header).toMatch(/ASSUMPTION:|No assumption/);
    });

    test.each(files)('%s: exactly the marked diagnostics (errors, warnings, infos)', async file => {
        const fixture = parseFixture(read(file));
        const hinted = fixture.expected.filter(e => e.severity === 'hint');
        expect(hinted, 'hints are not part of the corpus expectations').toEqual([]);
        const docs = await buildFiles(services, { [file]: fixture.text });
        const diagnostics = (docs[file].diagnostics ?? []).filter(d => asExpectation(d).severity !== 'hint');
        const messages = diagnostics.map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`).join('\n');
        expect(diagnostics.map(d => formatExpectation(asExpectation(d))).sort(), messages)
            .toEqual(fixture.expected.map(formatExpectation).sort());
    });

    const clean = files.filter(f => !parseFixture(read(f)).expected.some(e => e.severity === 'error'));
    test.each(clean)('%s has no expected error: it compiles to JSON that validates against the schema', async file => {
        const docs = await buildFiles(services, { [file]: parseFixture(read(file)).text });
        const doc = docs[file];
        const diagnosticsOf = (uri: string) => services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [];
        const outputs = compileDocument(services, doc, diagnosticsOf);
        expect(outputs.length).toBeGreaterThan(0);
        const validate = validator();
        for (const output of outputs) {
            expect(validate(JSON.parse(output.text)), `${output.fileName}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
    });
});
