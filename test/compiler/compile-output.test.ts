import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileExamples, meso, root } from '../helpers/compile.js';

describe('compiled JSON', () => {
    test('every example protocol and the patient plan compile', async () => {
        const docs = await compileExamples();
        expect(Object.keys(docs)).toEqual([
            'cellulite_thighs.json', 'cervicalgia.json', 'keloid.json', 'knee_osteoarthritis.json', 'low_back_pain.json',
            'rossi.plan.json', 'skin_ageing.json', 'venous_insufficiency.json']);
    });

    test.each(['low_back_pain.json', 'knee_osteoarthritis.json', 'cervicalgia.json', 'venous_insufficiency.json', 'rossi.plan.json'])(
        '%s matches its golden file byte for byte', async name => {
            const docs = await compileExamples();
            await expect(docs[name]).toMatchFileSnapshot(join(root, 'test/compiler/golden', name));
        });

    test('the reference protocol: 20 mg lidocaine per session, days and totals as in the language reference', async () => {
        const doc = JSON.parse((await compileExamples())['low_back_pain.json']);
        expect(doc.protocol.sessions.map((s: { day: number }) => s.day)).toEqual([0, 4, 11, 18, 25, 32, 39, 46, 76, 106, 136]);
        expect(doc.protocol.sessions[0].doses[0]).toEqual({ substance: 'lidocaine', amount: { value: 20, unit: 'mg' }, volume: { value: 1, unit: 'mL' } });
        expect(doc.protocol.totals).toMatchObject({ sessions: 8, maintenanceSessions: 3, durationDays: 136 });
        expect(doc.protocol.totals.substances[0]).toEqual({ substance: 'lidocaine', amount: { value: 220, unit: 'mg' }, cycleAmount: { value: 160, unit: 'mg' }, volume: { value: 11, unit: 'mL' } });
    });

    test('a plan carries the calendar date of each session', async () => {
        const plan = JSON.parse((await compileExamples())['rossi.plan.json']);
        expect(plan.format).toBe('meso-plan');
        expect(plan.patient).toMatchObject({ id: 'rossi', start: '2026-12-01', weight: { value: 72, unit: 'kg' } });
        expect(plan.protocol.sessions.map((s: { date: string }) => s.date)).toEqual([
            '2026-12-01', '2026-12-05', '2026-12-12', '2026-12-19', '2026-12-26', '2027-01-02', '2027-01-09', '2027-01-16',
            '2027-02-15', '2027-03-17', '2027-04-16']);
    });

    test('output is deterministic: two compilations are byte-identical', async () => {
        const a = await compileExamples();
        const b = await compileExamples();
        expect(b).toEqual(a);
    });

    test('--stdout prints one document; several need --out-dir', async () => {
        const one = await meso(['compile', join(root, 'examples/cervicalgia.meso'), '--stdout']);
        expect(one.code).toBe(0);
        expect(JSON.parse(one.out).protocol.id).toBe('cervicalgia');
        const many = await meso(['compile', join(root, 'examples'), '--stdout', '--ignore-pattern', 'examples/it']);
        expect(many.code).toBe(2);
        expect(many.err).toMatch(/^meso: 8 documents to write \(.*\): use --out-dir\.\n$/);
    });
});
