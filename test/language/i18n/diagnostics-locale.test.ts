import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(async () => {
    services.i18n.Locale.setClient('en');
    await reset(services);
});

const text = 'protocol p {\n    mixture m { saline 1 mL }\n}\n';

describe('diagnostics in the chosen language', () => {
    test('a catalogue message is English by default and Italian under locale it, same code and range', async () => {
        const en = (await buildFile(services, text)).diagnostics!.filter(d => d.code === 'unused');
        expect(en.map(d => d.message)).toEqual(["Mixture 'm' is never used."]);
        await reset(services);
        services.i18n.Locale.setClient('it');
        const it = (await buildFile(services, text)).diagnostics!.filter(d => d.code === 'unused');
        expect(it.map(d => d.message)).toEqual(["La miscela 'm' non è mai iniettata."]);
        expect(it.map(d => d.range)).toEqual(en.map(d => d.range));
    });
});
