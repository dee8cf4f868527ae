import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const data = async (text: string, code: string) =>
    (await buildFile(services, text)).diagnostics!.filter(d => d.code === code).map(d => d.data as Record<string, unknown>);

describe('quick-fix data carried by diagnostics', () => {
    test('an overdose carries the allowed amount and the largest volume that fits', async () => {
        // piroxicam 20 mg/mL, 20 mg cap; 4 mL of a 3 + 1 mL mixture injected: v/(v+1) x 4 x 20 <= 20 -> v <= 1/3 mL
        const [d] = await data(`protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 3 mL  saline 1 mL }
    technique t { 0.2 mL per point  20 points }
    session s { inject m using t }
    schedule { phase a: 1 session of s every 7 days }
}`, 'overdose-session');
        const { message, ...fix } = d as { message: { key: string } };
        expect(fix).toEqual({ code: 'overdose-session', substance: 'piroxicam', allowed: 20, largestVolume: 0.33 });
        expect(message.key).toBe('diag.overdose.session');
    });

    test('without points the largest volume is the cap over the strength', async () => {
        const [d] = await data(`protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 2 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}`, 'overdose-session');
        expect(d.largestVolume).toBe(1);
    });

    test('a misspelt substance carries the nearest name', async () => {
        const [d] = await data('protocol p { mixture m { lidocane 1 mL } }', 'unresolved-name');
        expect(d).toEqual({ code: 'unresolved-name', containerType: 'Component', property: 'substance', refText: 'lidocane', suggestion: 'lidocaine' });
    });

    test('a name with nothing near it carries no suggestion (the data comes from the linker, not from the message)', async () => {
        const doc = await buildFile(services, 'protocol p { mixture m { zzqqxx 1 mL } }');
        const [d] = doc.diagnostics!.filter(x => x.code === 'unresolved-name');
        expect(d.message).toBe("Unknown substance 'zzqqxx'. Declare it, or import the file that declares it.");
        expect(d.data).toEqual({ code: 'unresolved-name', containerType: 'Component', property: 'substance', refText: 'zzqqxx' });
    });

    test('an unknown unit carries the nearest spelling', async () => {
        expect((await data('substance x { concentration 2 mg/mll source "t" }', 'unknown-unit'))[0]).toMatchObject({ suggestion: 'mg/mL' });
    });

    test('volume per point carries the limit', async () => {
        const [v] = await data(`protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { saline 5 mL }
    technique t { 0.4 mL per point  2 points }
    session s { inject m using t }
    schedule { phase a: 1 session of s every 7 days }
}`, 'volume-per-point');
        expect(v).toEqual({ code: 'volume-per-point', max: 0.3 });
    });
});
