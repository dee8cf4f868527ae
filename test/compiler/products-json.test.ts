import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };
import type { MesoProtocolDocument } from '../../src/compiler/meso-json.generated.js';
import { meso, tempDir } from '../helpers/compile.js';

// OKi 160 mg/2 mL: 100 mg ketoprofen per 2 mL ampoule (Dompé leaflet); Phosphonciale Mono:
// 250 mg phosphatidylcholine + 126.5 mg deoxycholic acid per 5 mL ampoule.
const PRODUCTS = `product oki "OKi 160 mg/2 mL" {
    ketoprofen 100 mg
    ampoule 2 mL
    source "OKi leaflet"
    evidence regulatory
}
product pc_dc {
    phosphatidylcholine 250 mg
    deoxycholic_acid 126.5 mg
    ampoule 5 mL
    in water_for_injection
}
protocol products {
    indication pain
    patients from 60 kg
    skin test not needed "no substance asks for one"
    mixture m { oki 3 mL from 2 ampoules  lidocaine 1 % 1 mL }
    mixture lipo prepared per inject { pc_dc 1 mL  saline 1 mL }
    technique t { needle 30G 13 mm  depth 10 mm  0.1 mL per point  10 points }
    session s { inject m using t  inject lipo using t  inject lipo using t }
    schedule { phase a: 1 session of s }
}
`;

async function compiled(): Promise<MesoProtocolDocument> {
    const dir = tempDir('meso-products-');
    writeFileSync(join(dir, 'products.meso'), PRODUCTS);
    const r = await meso(['compile', join(dir, 'products.meso'), '--out-dir', join(dir, 'out')]);
    expect(r.code, r.out + r.err).toBe(0);
    return JSON.parse(readFileSync(join(dir, 'out', 'products.json'), 'utf8'));
}

describe('compiled JSON with products and strengths (format version 3)', () => {
    test('products, ingredient amounts, own strengths and product volumes, in a document the schema accepts', async () => {
        const doc = await compiled();
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        (addFormats as unknown as (a: Ajv2020) => void)(ajv);
        const validate = ajv.compile(schema);
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(doc.formatVersion).toBe(3);
        const p = doc.protocol;
        expect(p.products).toEqual([
            { id: 'oki', title: 'OKi 160 mg/2 mL', presentation: { kind: 'ampoule', volume: { value: 2, unit: 'mL' } },
                ingredients: [{ substance: 'ketoprofen', strength: { value: 50, unit: 'mg/mL' } }], source: 'OKi leaflet', evidence: 'regulatory' },
            { id: 'pc_dc', presentation: { kind: 'ampoule', volume: { value: 5, unit: 'mL' } },
                ingredients: [{ substance: 'phosphatidylcholine', strength: { value: 50, unit: 'mg/mL' } },
                    { substance: 'deoxycholic_acid', strength: { value: 25.3, unit: 'mg/mL' } }], vehicle: 'water_for_injection' }
        ]);
        expect(p.mixtures[0]).toEqual({ id: 'm', volume: { value: 4, unit: 'mL' }, components: [
            { product: 'oki', volume: { value: 3, unit: 'mL' }, ingredients: [{ substance: 'ketoprofen', amount: { value: 150, unit: 'mg' } }],
                drawnFrom: { count: 2, volume: { value: 4, unit: 'mL' } } },
            { substance: 'lidocaine', strength: { value: 10, unit: 'mg/mL' }, volume: { value: 1, unit: 'mL' }, amount: { value: 10, unit: 'mg' } }
        ] });
        expect(p.mixtures[1].preparedPerInject).toBe(true);
        expect(p.mixtures[0].preparedPerInject).toBeUndefined();
        // 1 mL of m (of 4): 37.5 mg ketoprofen, 2.5 mg lidocaine; twice 1 mL of lipo (of 2): 2 × 25 mg PC, 2 × 12.65 mg DC.
        expect(p.sessions[0].doses).toEqual([
            { substance: 'ketoprofen', amount: { value: 37.5, unit: 'mg' }, volume: { value: 0.75, unit: 'mL' } },
            { substance: 'lidocaine', amount: { value: 2.5, unit: 'mg' }, volume: { value: 0.25, unit: 'mL' } },
            { substance: 'phosphatidylcholine', amount: { value: 50, unit: 'mg' }, volume: { value: 1, unit: 'mL' } },
            { substance: 'deoxycholic_acid', amount: { value: 25.3, unit: 'mg' }, volume: { value: 1, unit: 'mL' } },
            { substance: 'water_for_injection', volume: { value: 1, unit: 'mL' } },
            { substance: 'saline', volume: { value: 1, unit: 'mL' } }
        ]);
        expect(p.sessions[0].products).toEqual([
            { product: 'oki', volume: { value: 0.75, unit: 'mL' } },
            { product: 'pc_dc', volume: { value: 1, unit: 'mL' } }
        ]);
    });
});
