import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { PROTOCOL } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('inlay hints', () => {
    test('the amount next to each component given by volume, and the days of each phase', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        const labels = hints!.map(h => `${h.position.line + 1}:${h.label as string}`);
        expect(labels).toEqual([
            '6:= 20 mg/session', '7:= 20 mg/session',
            '20:days 0, 4', '21:days 11, 18, 25, 32, 39, 46', '22:days 76, 106, 136']);
        expect(hints![0].position).toEqual({ line: 5, character: 22 });
    });
});

describe('code lens', () => {
    test('sessions, duration, compile and preview on each protocol', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(lenses!.map(l => l.command?.title)).toEqual(['8 sessions + 3 maintenance · 136 days', 'Compile to JSON', 'Preview']);
        // Every lens names a command the server executes (no label-only lens with command ''),
        // so the lenses work in any client.
        expect(lenses!.map(l => [l.command?.command, l.command?.arguments])).toEqual([
            ['meso.server.schedule', [doc.uri.toString(), 'low_back_pain']],
            ['meso.server.compile', [doc.uri.toString()]],
            ['meso.server.preview', [doc.uri.toString(), 'low_back_pain']]
        ]);
    });
});
