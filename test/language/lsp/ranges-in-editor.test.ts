import { TextDocument, URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../../../src/language/generated/ast.js';
import { buildPreviewModel } from '../../../src/language/lsp/preview-model.js';
import { buildFile, createTestServices, describeDiagnostics, model, reset } from '../../helpers/services.js';
import { positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

/** A protocol with a range in every slot that takes one. */
const RANGED = `protocol ranged "Ranges as published" {
    indication pain
    patients from 50 kg
    skin test 2 days before first session
    mixture m {
        lidocaine 0.5-1 mL
        saline 1.5 mL
    }
    technique t {
        needle 30G 4-6 mm
        depth 1-2 mm
        0.1-0.2 mL per point
        5-10 points
    }
    session weekly { inject m using t  duration 15-20 min }
    schedule {
        phase treatment: 2-3 sessions of weekly every 1-2 weeks
        maintenance: 1 session of weekly after 1 month
    }
}
`;

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

let files = 0;
async function hoverAt(text: string, marker: string): Promise<string> {
    const doc = await buildFile(services, text, `hover-${files++}.meso`);
    const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

describe('ranges in the editor', () => {
    test('the ranged protocol checks clean', async () => {
        const doc = await buildFile(services, RANGED);
        expect(describeDiagnostics(doc)).toBe('');
    });

    test('hover on a component shows both ends of what it delivers', async () => {
        // Drawn 0.5-2 mL of a 2-2.5 mL mixture: lidocaine from 0.5 × 10 mg / 2 mL = 2.5 mg
        // (least drawn, least lidocaine, most saline) to 2 × 20 mg / 2.5 mL = 16 mg.
        const text = await hoverAt(RANGED, 'lidocaine');
        expect(text).toContain('| weekly | 2.5–16 mg | 0.125–0.8 mL |');
        expect(text).toContain('Per cycle (2–3 sessions): 5–48 mg; in all, maintenance included: 7.5–64 mg');
    });

    test('hover on a session and a technique shows the ranges and optional days', async () => {
        const session = await hoverAt(RANGED, 'weekly {');
        expect(session).toContain('Injected: 0.5–2 mL in 5–10 points');
        expect(session).toContain('Scheduled on days 0, 7–14, 14–28 (optional), 35–59');
        const technique = await hoverAt(RANGED, 't {');
        expect(technique).toBe('**Technique t**: needle 30G 4–6 mm · depth 1–2 mm · 0.1–0.2 mL × 5–10 points = 0.5–2 mL');
    });

    test('inlay hints and the code lens show both ends', async () => {
        const doc = await buildFile(services, RANGED);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        expect(hints!.map(h => `${h.position.line + 1}:${h.label as string}`)).toEqual([
            '6:= 2.5–16 mg/session', '17:days 0, 7–14, 14–28?', '18:day 35–59']);
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(lenses![0].command?.title).toBe('2–3 sessions + 1 maintenance · 35–59 days');
    });

    test('the preview carries both ends and marks optional sessions', async () => {
        const doc = await buildFile(services, RANGED);
        const protocol = model(doc).elements.find(isProtocol)!;
        const preview = buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), []);
        expect(preview).toMatchObject({ durationDays: 59, durationDaysLow: 35 });
        expect(preview.sessions.map(s => [s.day, s.dayLatest, s.optional])).toEqual([[0, undefined, undefined], [7, 14, undefined], [14, 28, true], [35, 59, undefined]]);
        const lidocaine = preview.substances.find(s => s.substance === 'lidocaine')!;
        expect(lidocaine.perSession).toEqual([16, 16, 16, 16]);
        expect(lidocaine.perSessionLow).toEqual([2.5, 2.5, 0, 2.5]);
        expect(lidocaine.cumulative.at(-1)).toBe(64);
        expect(lidocaine.cumulativeLow!.at(-1)).toBe(7.5);
    });

    test('the formatter keeps a dash range tight and `to` spaced', async () => {
        const text = 'protocol p {\n    technique t { depth 1 - 3 mm  0.1 -0.2 mL per point  20 -30 points  needle 30G 4   to   6 mm }\n}\n';
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///ws/format-ranges.meso'));
        const edits = await services.lsp.Formatter!.formatDocument(document, { options: { tabSize: 4, insertSpaces: true }, textDocument: { uri: document.uri.toString() } });
        expect(TextDocument.applyEdits(document.textDocument, edits))
            .toBe('protocol p {\n    technique t { depth 1-3 mm  0.1-0.2 mL per point  20-30 points  needle 30G 4 to 6 mm }\n}\n');
    });

    test('completion offers µL among volumes and months among times', async () => {
        const complete = async (text: string, marker: string) => {
            const doc = await buildFile(services, text, `complete-${files++}.meso`);
            const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { after: true }) });
            return (list?.items ?? []).map(i => i.label);
        };
        const volumes = await complete('protocol p {\n    technique t {\n        50 \n    }\n}', '50 ');
        expect(volumes).toEqual(expect.arrayContaining(['mL', '\u00B5L', 'uL', 'mcL']));
        const times = await complete('protocol p {\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule {\n        phase a: 2 sessions of s every 1 \n    }\n}', 'every 1 ');
        expect(times).toEqual(expect.arrayContaining(['days', 'weeks', 'month', 'months']));
        expect(times).not.toContain('mL');
    });
});
