import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };
import type { MesoPlanDocument, MesoProtocolDocument } from '../../src/compiler/meso-json.generated.js';
import { meso, tempDir } from '../helpers/compile.js';

const TEXT = `protocol cellulite {
    indication aesthetic
    skin test not needed "the label asks for none"
    area left_buttock "Left buttock" in buttock 200 cm2 2 cm apart
    area right_buttock "Right buttock" in buttock
    pretreatment: lidocaine_prilocaine topical for 60 min "under occlusion"
    aftercare: "ice" for 10 min
    mixture qwo { collagenase_cch 7.2 mL }
    technique grid { needle 30G 13 mm  depth 12 mm  0.3 mL per point  12 points }
    session visit {
        inject qwo using grid into left_buttock, right_buttock
        cotherapy: paracetamol 1 g oral "if painful"
    }
    schedule { phase treatment: 3 sessions of visit every 21 days }
}

patient rossi {
    sex female
    born 1980-05-01
    not pregnant
    not lactating
    takes warfarin since 2025-01-10
    took ibuprofen from 2026-11-01 until 2026-11-20
    follows cellulite from 2026-12-01
}
`;

async function compiled(): Promise<{ protocol: MesoProtocolDocument; plan: MesoPlanDocument; out: string }> {
    const dir = tempDir('meso-areas-');
    writeFileSync(join(dir, 'cellulite.meso'), TEXT);
    const r = await meso(['compile', join(dir, 'cellulite.meso'), '--out-dir', join(dir, 'out')]);
    expect(r.code, r.out + r.err).toBe(0);
    const read = (f: string) => JSON.parse(readFileSync(join(dir, 'out', f), 'utf8'));
    return { protocol: read('cellulite.json'), plan: read('rossi.plan.json'), out: r.out + r.err };
}

describe('compiled JSON: areas, care and patient facts', () => {
    test('areas, what each area gets per session, care items and the patient facts, in documents the schema accepts', async () => {
        const { protocol, plan } = await compiled();
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        (addFormats as unknown as (a: Ajv2020) => void)(ajv);
        const validate = ajv.compile(schema);
        for (const doc of [protocol, plan]) expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        const p = protocol.protocol;
        expect(p.area).toBe('Left buttock');
        expect(p.areas).toEqual([
            { id: 'left_buttock', title: 'Left buttock', region: 'buttock', size: { value: 200, unit: 'cm2' }, spacing: { value: 20, unit: 'mm' }, gridPoints: 50 },
            { id: 'right_buttock', title: 'Right buttock', region: 'buttock' }]);
        expect(p.sessions[0].areas).toEqual([
            { area: 'left_buttock', points: 12, volume: { value: 3.6, unit: 'mL' }, doses: [{ substance: 'collagenase_cch', amount: { value: 0.84, unit: 'mg' } }] },
            { area: 'right_buttock', points: 12, volume: { value: 3.6, unit: 'mL' }, doses: [{ substance: 'collagenase_cch', amount: { value: 0.84, unit: 'mg' } }] }]);
        expect(p.care).toEqual([
            { timing: 'pretreatment', substances: ['lidocaine_prilocaine'], route: 'topical', duration: { value: 0.041667, unit: 'd' }, note: 'under occlusion' },
            { timing: 'aftercare', substances: [], measure: 'ice', duration: { value: 0.006944, unit: 'd' } },
            { timing: 'cotherapy', session: 'visit', substances: ['paracetamol'], amount: { value: 1000, unit: 'mg' }, route: 'oral', note: 'if painful' }]);
        expect(plan.patient).toMatchObject({
            sex: 'female', born: '1980-05-01', pregnant: false, lactating: false,
            medicines: [{ medicine: 'warfarin', took: false, since: '2025-01-10' }, { medicine: 'ibuprofen', took: true, since: '2026-11-01', until: '2026-11-20' }]
        });
        expect(plan.patient.age).toBeUndefined();
    });

    test('a protocol without areas or care, and a patient without the new facts, have none of the new fields', async () => {
        const dir = tempDir('meso-areas-');
        writeFileSync(join(dir, 'plain.meso'), `protocol plain {
    indication pain
    area "lumbar paravertebral"
    skin test 2 days before first session
    mixture m { saline 1 mL }
    session s { inject m }
    schedule { phase a: 1 session of s }
}
patient p { follows plain from 2026-12-01 }
`);
        const r = await meso(['compile', join(dir, 'plain.meso'), '--out-dir', join(dir, 'out')]);
        expect(r.code, r.out + r.err).toBe(0);
        const protocol = readFileSync(join(dir, 'out', 'plain.json'), 'utf8');
        const plan = JSON.parse(readFileSync(join(dir, 'out', 'p.plan.json'), 'utf8')) as MesoPlanDocument;
        expect(protocol).toContain('"area": "lumbar paravertebral"');
        expect(protocol).not.toMatch(/"areas"|"care"/);
        expect(Object.keys(plan.patient).sort()).toEqual(['allergies', 'conditions', 'id', 'skinTests', 'start']);
    });
});
