import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../helpers.js';

const services = createTestServices();
afterEach(() => reset(services));

const root = join(import.meta.dirname, '..', '..');
function mesoFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? mesoFiles(full) : f.endsWith('.meso') ? [full] : [];
    });
}
const sources = [...mesoFiles(join(root, 'examples')), ...mesoFiles(join(root, 'test/fixtures'))]
    .map(f => readFileSync(f, 'utf8').replace(/[\u00AB\u00BB]/g, ''));

/** Deterministic cut points spread over the text (no randomness: failures reproduce). */
function cuts(text: string, count: number): number[] {
    return Array.from({ length: count }, (_, i) => Math.floor((text.length * (i + 1)) / (count + 1)));
}

describe('no crash on any input', () => {
    test('every truncation of every example and fixture validates without an internal error', async () => {
        const crashes: string[] = [];
        for (const source of sources) {
            for (const at of cuts(source, 12)) {
                const doc = await buildFile(services, source.slice(0, at));
                for (const d of doc.diagnostics ?? []) {
                    if (String(d.message).includes('An error occurred')) crashes.push(`${source.slice(0, 40)}… cut at ${at}: ${d.message}`);
                }
                await reset(services);
            }
        }
        expect(crashes).toEqual([]);
    });

    test('every line deleted in turn from the reference protocol validates without an internal error', async () => {
        const source = readFileSync(join(root, 'test/fixtures/reference/low-back-pain.meso'), 'utf8');
        const lines = source.split('\n');
        for (let i = 0; i < lines.length; i++) {
            const doc = await buildFile(services, [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
            expect((doc.diagnostics ?? []).filter(d => String(d.message).includes('An error occurred')).map(d => String(d.message))).toEqual([]);
            await reset(services);
        }
    });
});
