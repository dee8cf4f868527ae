import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { TextDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import schema from '../../../src/compiler/meso-schema.json' with { type: 'json' };
import type { MesoProtocolDocument } from '../../../src/compiler/meso-json.generated.js';
import { meso, tempDir } from '../../helpers/compile.js';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { positionOf } from '../../helpers/lsp-positions.js';

// `syringe 1 mL` in a technique or a session, in every editor feature and in the JSON.
const services = createTestServices();
afterEach(() => reset(services));

const PROTOCOL = `protocol p {
    indication pain
    skin test not needed "saline only"
    mixture m prepared per inject { saline 1 mL }
    technique t { needle 30G 4 mm  depth 2 mm  0.1 mL per point  10 points  syringe 2.5 mL "Luer-lock" }
    session s { syringe 1 mL  inject m using t  inject m }
    schedule { phase a: 1 session of s }
}
`;

let files = 0;
async function hoverAt(text: string, marker: string): Promise<string> {
    const doc = await buildFile(services, text, `syringe-${files++}.meso`);
    const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

describe('syringe size in the editor', () => {
    test('hover: the technique card and the session card name their syringes', async () => {
        expect(await hoverAt(PROTOCOL, 't { needle')).toContain('· syringe 2.5 mL Luer\\-lock');
        expect(await hoverAt(PROTOCOL, 's { syringe')).toContain('syringe 1 mL for the injects whose technique names none');
    });

    test('completion after a capacity offers volumes only', async () => {
        const doc = await buildFile(services, 'protocol p {\n    technique t {\n        syringe 1 \n    }\n}', `syringe-${files++}.meso`);
        const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'syringe 1 ', { after: true }) });
        const labels = (list?.items ?? []).map(i => i.label);
        expect(labels).toContain('mL');
        expect(labels).not.toContain('mg');
        expect(labels).not.toContain('mm');
    });

    test('completion offers the keyword in a technique and in a session', async () => {
        for (const [text, marker] of [['protocol p {\n    technique t {\n        \n    }\n}', 'technique t {\n        '], ['protocol p {\n    session s {\n        \n    }\n}', 'session s {\n        ']]) {
            const doc = await buildFile(services, text, `syringe-${files++}.meso`);
            const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { after: true }) });
            expect((list?.items ?? []).map(i => i.label)).toContain('syringe');
        }
    });

    test('the formatter spaces the setting like the others', async () => {
        const text = 'protocol p {\n    technique t {\n        syringe   1mL    "Luer-lock"\n    }\n    session s { syringe 2.5mL  inject m }\n}\n';
        const doc = await buildFile(services, text, `syringe-${files++}.meso`);
        const edits = await services.lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(TextDocument.applyEdits(doc.textDocument, edits)).toBe(
            'protocol p {\n    technique t {\n        syringe 1 mL "Luer-lock"\n    }\n    session s { syringe 2.5 mL  inject m }\n}\n');
    });

    test('compiled JSON: the technique\'s and the session\'s syringe, in a document the schema accepts', async () => {
        const dir = tempDir('meso-syringe-');
        writeFileSync(join(dir, 'p.meso'), PROTOCOL);
        const r = await meso(['compile', join(dir, 'p.meso'), '--out-dir', join(dir, 'out')]);
        expect(r.code, r.out + r.err).toBe(0);
        const doc = JSON.parse(readFileSync(join(dir, 'out', 'p.json'), 'utf8')) as MesoProtocolDocument;
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        (addFormats as unknown as (a: Ajv2020) => void)(ajv);
        const validate = ajv.compile(schema);
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(doc.formatVersion).toBe(3);
        expect(doc.protocol.techniques[0].syringe).toEqual({ capacity: { value: 2.5, unit: 'mL' }, note: 'Luer-lock' });
        expect(doc.protocol.sessions[0].syringe).toEqual({ capacity: { value: 1, unit: 'mL' } });
    });
});
