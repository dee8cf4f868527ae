import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

async function complete(text: string, marker: string, after = true) {
    const doc = await buildFile(services, text);
    const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { after }) });
    return list?.items ?? [];
}

describe('completion', () => {
    test('substances inside a mixture, with class and strength in the detail', async () => {
        const items = await complete('protocol p {\n    mixture m {\n        lido\n    }\n}', 'lido');
        const lidocaine = items.find(i => i.label === 'lidocaine');
        expect(lidocaine?.detail).toBe('anesthetic, amide_anesthetic · 20 mg/mL');
    });

    test('an alias finds the canonical substance', async () => {
        const items = await complete('protocol p {\n    mixture m {\n        lidocaina\n    }\n}', 'lidocaina');
        const alias = items.find(i => i.label === 'lidocaina');
        expect(alias).toBeDefined();
        expect(alias!.detail).toMatch(/^lidocaine \(alias\)/);
        expect(alias!.textEdit && 'newText' in alias!.textEdit ? alias!.textEdit.newText : alias!.insertText).toBe('lidocaine');
    });

    test('units after a number are filtered to the slot: volume per point takes volumes', async () => {
        const items = await complete('protocol p {\n    technique t {\n        0.2 \n    }\n}', '0.2 ');
        const labels = items.map(i => i.label);
        expect(labels).toContain('mL');
        expect(labels).toContain('cc');
        expect(labels).not.toContain('mg');
    });

    test('units in a mixture component: volumes, masses and activities', async () => {
        const labels = (await complete('protocol p {\n    mixture m {\n        lidocaine 1 \n    }\n}', 'lidocaine 1 ')).map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['mL', 'mg', 'IU']));
        expect(labels).not.toContain('mm');
    });

    test('layers after depth', async () => {
        const labels = (await complete('protocol p {\n    technique t {\n        depth \n    }\n}', 'depth ')).map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['IED', 'IDS', 'IDP', 'IDH', 'subcutaneous']));
    });

    test('keywords valid at the cursor in a protocol body', async () => {
        const labels = (await complete('protocol p {\n    \n}', 'protocol p {\n    ')).map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['mixture', 'technique', 'session', 'schedule', 'indication']));
        expect(labels).not.toContain('substance');
    });

    test('sessions where a phase refers to one', async () => {
        const labels = (await complete('protocol p {\n    mixture m { saline 1 mL }\n    session weekly { inject m }\n    schedule {\n        phase a: 2 sessions of \n    }\n}', 'sessions of ')).map(i => i.label);
        expect(labels).toContain('weekly');
    });
});
