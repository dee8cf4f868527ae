import { afterEach, describe, expect, test } from 'vitest';
import { OVERDOSE_PROTOCOL, buildFiles, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('related information', () => {
    test('an overdose points at the max line in std, and the message names the source', async () => {
        const docs = await buildFiles(services, { 'p.meso': OVERDOSE_PROTOCOL });
        const d = docs['p.meso'].diagnostics!.find(x => x.code === 'overdose-session')!;
        expect(d.relatedInformation).toHaveLength(1);
        const related = d.relatedInformation![0];
        expect(related.message).toBe('maximum declared here');
        expect(related.location.uri).toBe('meso-std:/nsaids.meso');
        const std = services.shared.workspace.LangiumDocuments.all.find(x => x.uri.toString() === related.location.uri)!;
        expect(std.textDocument.getText(related.location.range)).toMatch(/^max 20 mg per session/);
    });

    test('a limit from an imported formulary points into that file', async () => {
        const docs = await buildFiles(services, {
            'clinic.meso': 'limit volume per point <= 0.1 mL source "house rule"',
            'p.meso': `import "clinic.meso"
protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { saline 5 mL }
    technique t { 0.2 mL per point  2 points }
    session s { inject m using t }
    schedule { phase a: 1 session of s every 7 days }
}` });
        const d = docs['p.meso'].diagnostics!.find(x => x.code === 'volume-per-point')!;
        expect(d.message).toBe("0.2 mL per point in technique 't' is above the limit (≤ 0.1 mL) (clinic.meso: house rule).");
        expect(d.relatedInformation![0].location).toEqual({ uri: 'file:///ws/clinic.meso', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 52 } } });
    });
});
