import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

let files = 0;
async function diagnosticsOf(text: string) {
    const doc = await buildFile(services, text, `units-${files++}.meso`);
    return (doc.diagnostics ?? []).filter(d => d.code === 'unknown-unit' || d.code === 'unit-mismatch');
}

describe('unit diagnostics', () => {
    test('unknown-unit on the unit, with a suggestion', async () => {
        const [d] = await diagnosticsOf('substance foo { concentration 20 mg/mll }');
        expect(d.code).toBe('unknown-unit');
        expect(d.severity).toBe(1);
        expect(d.range).toMatchObject({ start: { line: 0, character: 33 }, end: { line: 0, character: 39 } });
        expect(d.message).toBe("Unknown unit 'mg/mll'. Did you mean 'mg/mL'? Expected a concentration (mg/mL, %, g/L) or an activity concentration (IU/mL). Until it is fixed, no dose of substance 'foo' is worked out from its concentration.");
    });

    test('an unknown unit is offered only the units of its slot: a volume per point is never offered a mass', async () => {
        const [d] = await diagnosticsOf('protocol p { technique t { 50 \u00B5gl per point } }');
        expect(d.code).toBe('unknown-unit');
        expect(d.message).toBe("Unknown unit '\u00B5gl'. Did you mean '\u00B5L'? Expected a volume (mL, L). Until it is fixed, the doses injected with technique 't' are not checked.");
        expect((d.data as { suggestion?: string }).suggestion).toBe('\u00B5L');
        const [e] = await diagnosticsOf('protocol p { mixture m { saline 1 mL } session s { inject m } schedule { phase a: 2 sessions of s every 1 monht } }');
        expect(e.message).toBe("Unknown unit 'monht'. Did you mean 'month'? Expected a time (min, h, days, weeks, months). Until it is fixed, the days of the schedule from here on are not checked.");
    });

    test('unit-mismatch: a length where a concentration goes', async () => {
        const [d] = await diagnosticsOf('substance foo { concentration 4 mm }');
        expect(d.code).toBe('unit-mismatch');
        expect(d.range).toMatchObject({ start: { line: 0, character: 32 }, end: { line: 0, character: 34 } });
        expect(d.message).toContain("'mm' is a length");
    });

    test('unit-mismatch: a volume per point given in mg', async () => {
        const [d] = await diagnosticsOf('protocol p { technique t { 0.2 mg per point } }');
        expect(d.code).toBe('unit-mismatch');
        expect(d.range.start.character).toBe(31);
    });

    test('limits: counts take no unit, lengths need one', async () => {
        const ds = await diagnosticsOf('limit sessions per cycle <= 12 mL\nlimit needle length in 4 .. 13 mm');
        expect(ds.map(d => [d.code, d.range.start.line])).toEqual([['unit-mismatch', 0], ['unit-mismatch', 1]]);
    });

    test('every accepted spelling in its slot is clean', async () => {
        const ds = await diagnosticsOf(`substance a { concentration 2 % max 4.5 mg/kg per session max 300 mg per session min interval 1 week }
substance b { concentration 100 mg / 2 mL max 1 g per cycle }
substance c { concentration 1000 IU/mL max 100 IU per session }
substance d { concentration 5 g/L }
protocol p {
    patients from 50 kg
    skin test 48 h before first session
    mixture m { a 1 ml  b 50 mg  c 0.5 cc  d 500 mcg }
    technique t { needle 30G 0.4 cm  depth 1.5 mm  0.1 mL per point  10 points }
    session s { inject m using t  duration 15 min }
    schedule { phase x: 2 sessions of s every 7 days }
}`);
        expect(ds).toEqual([]);
    });
});
