import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { exerciseFeatures } from '../../helpers/lsp-features.js';

const services = createTestServices();
afterEach(() => reset(services));

const root = join(import.meta.dirname, '..', '..', '..');
const sources = ['examples/low-back-pain.meso', 'examples/knee-osteoarthritis.meso', 'examples/patients/rossi.meso', 'test/fixtures/reference/library.meso']
    .map(f => readFileSync(join(root, f), 'utf8'));

describe('every editor feature on half-typed input', () => {
    test('hover, completion, inlay hints, code lens, code actions, symbols, tokens and formatting never throw', async () => {
        const failures: string[] = [];
        for (const source of sources) {
            for (let i = 1; i <= 10; i++) {
                const text = source.slice(0, Math.floor((source.length * i) / 11));
                const doc = await buildFile(services, text);
                failures.push(...await exerciseFeatures(services, doc));
                await reset(services);
            }
        }
        expect(failures).toEqual([]);
    });
});
