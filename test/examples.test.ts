import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../src/language/generated/ast.js';
import { buildFiles, createTestServices, model, reset } from './helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

function filesUnder(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => readdirSync(d).forEach(f => {
        const full = join(d, f);
        if (statSync(full).isDirectory()) walk(full);
        else if (f.endsWith('.meso')) out[relative(dir, full)] = readFileSync(full, 'utf8');
    });
    walk(dir);
    return out;
}

const root = join(import.meta.dirname, '..');

describe('bundled examples', () => {
    test('there are a formulary, at least six protocols and a patient', () => {
        const files = Object.keys(filesUnder(join(root, 'examples')));
        expect(files).toContain('clinic-formulary.meso');
        expect(files.filter(f => f.startsWith('patients/')).length).toBeGreaterThanOrEqual(1);
        expect(files.length).toBeGreaterThanOrEqual(8);
    });

    test('every example checks clean: no error, no warning', async () => {
        const docs = await buildFiles(services, filesUnder(join(root, 'examples')));
        const problems = Object.entries(docs).flatMap(([name, doc]) => (doc.diagnostics ?? [])
            .filter(d => d.severity === 1 || d.severity === 2)
            .map(d => `${name}:${d.range.start.line + 1} ${String(d.code)} ${d.message}`));
        expect(problems).toEqual([]);
        const protocols = Object.values(docs).flatMap(d => model(d).elements.filter(isProtocol));
        expect(protocols.length).toBeGreaterThanOrEqual(6);
    });

    test('the language reference protocol and patient check without error or warning', async () => {
        const docs = await buildFiles(services, filesUnder(join(root, 'test/fixtures/reference')));
        const problems = ['low-back-pain.meso', 'clinic-formulary.meso'].flatMap(name => (docs[name].diagnostics ?? [])
            .filter(d => d.severity === 1 || d.severity === 2).map(d => `${name}:${d.range.start.line + 1} ${d.message}`));
        expect(problems).toEqual([]);
    });

    test('the knee example delivers 16 mg piroxicam per session (two injects from one mixture)', async () => {
        const docs = await buildFiles(services, filesUnder(join(root, 'examples')));
        const knee = model(docs['knee-osteoarthritis.meso']).elements.find(isProtocol)!;
        const s = services.semantics.Semantics.protocol(knee);
        expect(s.sessions[0].doses.map(d => [d.substance.name, d.amount?.span.high.toFraction()])).toEqual([
            ['piroxicam', '16'], ['lidocaine', '16'], ['saline', undefined]]);
        expect(s.totals.substances.find(t => t.substance.name === 'piroxicam')?.amount?.span.high.toFraction()).toBe('112');
    });
});
