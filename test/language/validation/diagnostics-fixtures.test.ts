import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, createTestServices, reset } from '../../helpers/services.js';
import { asExpectation, formatExpectation, parseFixture } from '../../helpers/fixture-harness.js';

const services = createTestServices();
afterEach(() => reset(services));

const dir = join(import.meta.dirname, '../../fixtures/diagnostics');
const support = Object.fromEntries(readdirSync(join(dir, 'support')).filter(f => f.endsWith('.meso'))
    .map(f => [`support/${f}`, readFileSync(join(dir, 'support', f), 'utf8')]));
const fixtures = readdirSync(dir).filter(f => f.endsWith('.meso')).sort();

describe('diagnostic fixtures', () => {
    test.each(fixtures)('%s: exactly the marked diagnostics, with their severities', async file => {
        const fixture = parseFixture(readFileSync(join(dir, file), 'utf8'));
        const docs = await buildFiles(services, { ...support, [file]: fixture.text });
        const actual = (docs[file].diagnostics ?? []).map(d => formatExpectation(asExpectation(d))).sort();
        const messages = (docs[file].diagnostics ?? []).map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`).join('\n');
        expect(actual, messages).toEqual(fixture.expected.map(formatExpectation).sort());
    });

    test('support files are clean', async () => {
        const docs = await buildFiles(services, support);
        for (const [name, doc] of Object.entries(docs)) {
            expect((doc.diagnostics ?? []).map(d => `${name}:${d.range.start.line + 1} ${String(d.code)} ${d.message}`)).toEqual([]);
        }
    });
});
