import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../../../src/language/generated/ast.js';
import { buildPreviewModel } from '../../../src/language/lsp/preview-model.js';
import { previewHtml } from '../../../src/extension/preview-html.js';
import { buildFile, createTestServices, describeDiagnostics, model, reset } from '../../helpers/services.js';
import { positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

const TEXT = `protocol cellulite "QWO, as labelled" {
    indication aesthetic
    skin test not needed "the label asks for none"
    area left_buttock "Left buttock" in buttock
    area right_buttock "Right buttock" in buttock
    area chin "Submental fat" in submental 25 cm2 1 cm apart
    pretreatment: lidocaine_prilocaine topical for 60 min "under occlusion"
    aftercare: "ice" for 10 min
    mixture qwo { collagenase_cch 7.2 mL }
    mixture dca { deoxycholic_acid 10 mL }
    technique grid { needle 30G 13 mm  depth 12 mm  0.3 mL per point  12 points }
    technique wet { needle 30G 13 mm  depth 6 mm in subcutaneous  0.2 mL per point }
    session visit { inject qwo using grid into left_buttock, right_buttock }
    session chin_visit { inject dca using wet into chin }
    schedule {
        phase treatment: 3 sessions of visit every 21 days
        phase chin_course: 2 sessions of chin_visit every 28 days after 28 days
    }
}
`;

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
let files = 0;

describe('areas and care in the editor', () => {
    test('the protocol checks clean', async () => {
        const doc = await buildFile(services, TEXT, `areas-${files++}.meso`);
        expect(describeDiagnostics(doc)).toBe('');
    });

    test('hover on an area in an inject shows its region, grid and what each session gives it', async () => {
        const doc = await buildFile(services, TEXT, `areas-${files++}.meso`);
        const at = async (marker: string, nth = 0) => ((await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { nth }) }))?.contents as { value: string } | undefined)?.value ?? '';
        const left = await at('left_buttock', 1);
        expect(left).toContain('**Area left\\_buttock** — Left buttock');
        expect(left).toContain('Region: buttock');
        expect(left).toContain('| visit | collagenase\\_cch | 0.84 mg |');
        const chin = await at('chin {'.replace(' {', ''), 2);
        expect(chin).toContain('Points 1 cm apart: a grid of 25 points');
        expect(chin).toContain('Session chin\\_visit: 25 points (from the grid)');
        expect(chin).toContain('| chin\\_visit | deoxycholic\\_acid | 50 mg |');
        const substance = await at('deoxycholic_acid');
        expect(substance).toContain('Labelled for: submental (warning elsewhere)');
    });

    test("inlay hints give what each area gets and an area's grid", async () => {
        const doc = await buildFile(services, TEXT, `areas-${files++}.meso`);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        const labels = hints!.map(h => `${h.position.line + 1}:${h.label as string}`);
        expect(labels).toEqual(expect.arrayContaining(['6:25 points', '13:= 0.84 mg', '14:= 50 mg in 25 points']));
        expect(labels.filter(l => l.startsWith('13:'))).toEqual(['13:= 0.84 mg', '13:= 0.84 mg']);
    });

    test('the outline lists named areas; the preview shows areas and care', async () => {
        const doc = await buildFile(services, TEXT, `areas-${files++}.meso`);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(symbols[0].children!.map(s => s.name).slice(0, 3)).toEqual(['left_buttock', 'right_buttock', 'chin']);
        const protocol = model(doc).elements.find(isProtocol)!;
        const preview = buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), []);
        expect(preview.areas?.[0]).toEqual({ area: 'left_buttock', title: 'Left buttock', region: 'buttock', sessions: [{ session: 'visit', doses: [{ substance: 'collagenase_cch', amount: 0.84, unit: 'mg' }] }] });
        expect(preview.care).toEqual([
            { timing: 'pretreatment', what: 'lidocaine_prilocaine', detail: 'topical · for 60 min · under occlusion' },
            { timing: 'aftercare', what: 'ice', detail: 'for 10 min' }]);
        const html = previewHtml(preview, 'n', 'c');
        expect(html).toContain('<h2>Areas</h2>');
        expect(html).toContain('<li>pretreatment: lidocaine_prilocaine — topical · for 60 min · under occlusion</li>');
    });

    test('completion after into offers the protocol\'s areas; after a size, area units', async () => {
        const text = TEXT.replace('into chin }', 'into  }').replace('25 cm2 1 cm apart', '25 ');
        const doc = await buildFile(services, text, `areas-${files++}.meso`);
        const at = async (marker: string) => (await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { after: true }) }))?.items.map(i => i.label) ?? [];
        expect(await at('using wet into ')).toEqual(expect.arrayContaining(['left_buttock', 'right_buttock', 'chin']));
        const units = await at('in submental 25 ');
        expect(units).toEqual(expect.arrayContaining(['cm2', 'cm²', 'mm2']));
        expect(units).not.toContain('mL');
    });
});
