import { afterEach, describe, expect, test } from 'vitest';
import type { Range } from 'vscode-languageserver-types';
import { buildFile, buildFiles, createTestServices, reset } from '../../helpers/services.js';
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

describe('completion ranges and places (LSP 3.17)', () => {
    const TEXT = 'protocol p {\n    mixture m {\n        lidocaine 1 mL // lido\n    }\n}\n';

    let n = 0;
    async function completeAt(text: string, position: { line: number; character: number }, insertReplace: boolean) {
        const doc = await buildFile(services, text, `c${n++}.meso`);
        const provider = services.lsp.CompletionProvider as unknown as { clientCapabilities?: unknown };
        provider.clientCapabilities = { completionItem: { insertReplaceSupport: insertReplace } };
        try {
            return { doc, items: (await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position }))?.items ?? [] };
        } finally {
            provider.clientCapabilities = undefined;
        }
    }

    test('past the end of a line, every range stays inside the document and insert is a prefix of replace', async () => {
        const { doc, items } = await completeAt('protocol p {\n    mixture m {\n        lido\n    }\n}\n', { line: 2, character: 500 }, true);
        expect(items.map(i => i.label)).toContain('lidocaine');
        const lineEnd = { line: 2, character: 12 };
        for (const item of items) {
            const edit = item.textEdit as { insert: Range; replace: Range };
            expect(edit.insert.end, item.label).toEqual(lineEnd);
            expect(edit.replace.start).toEqual(edit.insert.start);
            expect(doc.textDocument.offsetAt(edit.replace.end)).toBeGreaterThanOrEqual(doc.textDocument.offsetAt(edit.insert.end));
        }
    });

    test('at the start of a word the replace range covers the word', async () => {
        const { items } = await completeAt('protocol p {\n    mixture m {\n        lidocaine 1 mL\n    }\n}\n', { line: 2, character: 8 }, true);
        const item = items.find(i => i.label === 'lidocaine');
        expect(item?.textEdit).toEqual({ newText: 'lidocaine', insert: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, replace: { start: { line: 2, character: 8 }, end: { line: 2, character: 17 } } });
    });

    test('nothing inside a // comment, a /* */ comment or a title string', async () => {
        expect((await completeAt(TEXT, { line: 2, character: 30 }, true)).items).toEqual([]);
        expect((await completeAt(TEXT, { line: 2, character: 26 }, true)).items).toEqual([]);
        expect((await completeAt('protocol p "Low back" {\n}\n', { line: 0, character: 15 }, false)).items).toEqual([]);
        expect((await completeAt('/* mixture */ protocol p {\n}\n', { line: 0, character: 5 }, false)).items).toEqual([]);
        // Right after the comment's line, completion works again.
        expect((await completeAt(TEXT, { line: 3, character: 4 }, false)).items.length).toBeGreaterThan(0);
    });

    test('inside an import string: the project files, relative to the document', async () => {
        await buildFiles(services, { 'formulary.meso': 'class house\n', 'sub/other.meso': 'class other\n' });
        const doc = (await buildFiles(services, { 'sub/main.meso': 'import "fo"\nprotocol p {\n}\n' }))['sub/main.meso'];
        const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: { line: 0, character: 10 } });
        expect(list!.items.map(i => [i.label, i.kind])).toEqual([['other.meso', 17], ['../formulary.meso', 17]]);
        expect(list!.items[1].textEdit).toEqual({ newText: '../formulary.meso', range: { start: { line: 0, character: 8 }, end: { line: 0, character: 10 } } });
    });
});

describe('completion in the file\'s language', () => {
    test('an Italian protocol is offered Italian keywords; an English one English', async () => {
        const italian = (await complete('protocollo p {\n    miscela m { saline 1 mL }\n    \n}', '}\n    ')).map(i => i.label);
        expect(italian).toEqual(expect.arrayContaining(['seduta', 'tecnica', 'calendario', 'test cutaneo']));
        expect(italian).not.toContain('session');
        await reset(services);
        const english = (await complete('protocol p {\n    mixture m { saline 1 mL }\n    \n}', '}\n    ')).map(i => i.label);
        expect(english).toEqual(expect.arrayContaining(['session', 'technique', 'schedule', 'skin']));
        expect(english).not.toContain('seduta');
    });
});
