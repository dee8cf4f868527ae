import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };
import type { MesoPlanDocument, MesoProtocolDocument } from '../../src/compiler/meso-json.generated.js';
import { meso, tempDir } from '../helpers/compile.js';

const RANGED = `protocol ranged {
    indication pain
    patients from 50 kg
    skin test 2-3 days before first session
    mixture m { lidocaine 0.5-1 mL  saline 1.5 mL }
    technique t { needle 30G 4-6 mm  depth 1-2 mm  0.1-0.2 mL per point  5-10 points }
    session weekly { inject m using t }
    schedule {
        phase treatment: 2-3 sessions of weekly every 1-2 weeks
        maintenance: 2 sessions of weekly every 1 month after 1 month
    }
}

patient rossi {
    weight 70 kg
    skin test on 2026-01-20 negative
    follows ranged from 2026-01-31
}
`;

async function compiled(): Promise<{ protocol: MesoProtocolDocument; plan: MesoPlanDocument }> {
    const dir = tempDir('meso-ranges-');
    writeFileSync(join(dir, 'ranged.meso'), RANGED);
    const r = await meso(['compile', join(dir, 'ranged.meso'), '--out-dir', join(dir, 'out')]);
    expect(r.code, r.out + r.err).toBe(0);
    const read = (f: string) => JSON.parse(readFileSync(join(dir, 'out', f), 'utf8'));
    return { protocol: read('ranged.json'), plan: read('rossi.plan.json') };
}

describe('compiled JSON with ranges (format version 2, kept in 3)', () => {
    test('both ends of every range, in a document the schema accepts', async () => {
        const { protocol, plan } = await compiled();
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        (addFormats as unknown as (a: Ajv2020) => void)(ajv);
        const validate = ajv.compile(schema);
        for (const doc of [protocol, plan]) expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(protocol.formatVersion).toBe(3);
        const p = protocol.protocol;
        expect(p.skinTestBefore).toEqual({ low: 2, high: 3, unit: 'd' });
        expect(p.mixtures[0]).toEqual({ id: 'm', volume: { low: 2, high: 2.5, unit: 'mL' }, components: [
            { substance: 'lidocaine', volume: { low: 0.5, high: 1, unit: 'mL' }, amount: { low: 10, high: 20, unit: 'mg' } },
            { substance: 'saline', volume: { value: 1.5, unit: 'mL' } }] });
        expect(p.techniques[0]).toEqual({ id: 't', needle: { gauge: 30, length: { low: 4, high: 6, unit: 'mm' } },
            depth: { length: { low: 1, high: 2, unit: 'mm' } }, volumePerPoint: { low: 0.1, high: 0.2, unit: 'mL' }, points: { low: 5, high: 10 } });
        expect(p.sessions.map(s => [s.index, s.day, s.optional])).toEqual([
            [1, 0, undefined], [2, { low: 7, high: 14 }, undefined], [3, { low: 14, high: 28 }, true],
            [4, { low: 35, high: 59 }, undefined], [5, { low: 63, high: 90 }, undefined]]);
        expect(p.sessions[0].doses[0]).toEqual({ substance: 'lidocaine', amount: { low: 2.5, high: 16, unit: 'mg' }, volume: { low: 0.125, high: 0.8, unit: 'mL' } });
        expect(p.totals).toMatchObject({ sessions: { low: 2, high: 3 }, maintenanceSessions: 2, durationDays: { low: 63, high: 90 } });
        expect(p.totals.substances[0]).toEqual({ substance: 'lidocaine', amount: { low: 10, high: 80, unit: 'mg' }, cycleAmount: { low: 5, high: 48, unit: 'mg' }, volume: { low: 0.5, high: 4, unit: 'mL' } });
    });

    test('a plan adds calendar months and gives the earliest and latest date of each session', async () => {
        const { plan } = await compiled();
        expect(plan.protocol.sessions.map(s => s.date)).toEqual([
            '2026-01-31',
            { earliest: '2026-02-07', latest: '2026-02-14' },
            { earliest: '2026-02-14', latest: '2026-02-28' },
            // after the 2nd session at the earliest, the 3rd at the latest, plus one calendar month
            { earliest: '2026-03-07', latest: '2026-03-28' },
            { earliest: '2026-04-07', latest: '2026-04-28' }]);
    });
});
