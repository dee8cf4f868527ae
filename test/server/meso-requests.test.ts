import type { Connection } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import type { CompileResult, PreviewModel } from '../../src/language/lsp/meso-protocol.js';
import { registerCompileHandler, registerPreviewHandler } from '../../src/server/meso-requests.js';
import { buildFiles, createTestServices, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

/** A connection that only records request handlers, so they can be called directly. */
function fakeConnection() {
    const handlers = new Map<string, (params: unknown) => Promise<unknown>>();
    const connection = { onRequest: (method: string, handler: (params: unknown) => Promise<unknown>) => handlers.set(method, handler) } as unknown as Connection;
    registerCompileHandler(connection, services);
    registerPreviewHandler(connection, services);
    return (method: string, params: unknown) => handlers.get(method)!(params);
}

const GOOD = `protocol p "Test" {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { piroxicam 1 mL  saline 1 mL }
    technique t { needle 30G 4 mm  depth IDS  0.5 mL per point  2 points }
    session s { inject m using t }
    schedule {
        phase a: 2 sessions of s every 7 days
        maintenance: 1 session of s every 30 days
    }
}
`;

describe('server requests of the extension', () => {
    test('meso/compile returns the JSON of each protocol', async () => {
        const call = fakeConnection();
        const docs = await buildFiles(services, { 'p.meso': GOOD });
        const result = await call('meso/compile', { uri: docs['p.meso'].uri.toString() }) as CompileResult;
        expect(result.errors).toEqual([]);
        expect(result.documents.map(d => d.fileName)).toEqual(['p.json']);
        expect(JSON.parse(result.documents[0].text).protocol.totals).toMatchObject({ sessions: 2, maintenanceSessions: 1, durationDays: 37 });
    });

    test('meso/compile refuses a file with an error, naming it, and writes nothing', async () => {
        const call = fakeConnection();
        // The whole 5 mL mixture injected: 80 mg of piroxicam against a 20 mg cap.
        const docs = await buildFiles(services, { 'p.meso': GOOD.replace('piroxicam 1 mL', 'piroxicam 4 mL').replace('inject m using t', 'inject m') });
        const result = await call('meso/compile', { uri: docs['p.meso'].uri.toString() }) as CompileResult;
        expect(result.documents).toEqual([]);
        expect(result.errors).toEqual([expect.stringMatching(/^p\.meso:5:27 overdose-session: 'piroxicam' 80 mg in session 's' exceeds/)]);
    });

    test('meso/preview gives the schedule, doses against caps, cumulative amounts and warnings', async () => {
        const call = fakeConnection();
        const docs = await buildFiles(services, { 'p.meso': GOOD });
        const model = await call('meso/preview', { uri: docs['p.meso'].uri.toString(), protocol: 'p' }) as PreviewModel;
        expect(model.sessions.map(s => [s.day, s.phase, s.maintenance])).toEqual([[0, 'a', false], [7, 'a', false], [37, 'maintenance', true]]);
        expect(model.substances).toEqual([{ substance: 'piroxicam', unit: 'mg', perSession: [10, 10, 10], cumulative: [10, 20, 30], sessionCap: 20 }]);
        expect(model.warnings.map(w => w.code)).toEqual(['volume-per-point']);
        expect(model.durationDays).toBe(37);
    });

    test('an unknown document: a clear error, no crash', async () => {
        const call = fakeConnection();
        const result = await call('meso/compile', { uri: 'file:///nowhere.meso' }) as CompileResult;
        expect(result.errors).toEqual(['file:///nowhere.meso is not a loaded .meso document.']);
        expect(await call('meso/preview', { uri: 'file:///nowhere.meso' })).toBeNull();
    });
});

describe('malformed params of the extension requests', () => {
    test.each(['meso/compile', 'meso/preview'])('%s without a string uri is an InvalidParams error naming the expected params', async method => {
        const call = fakeConnection();
        for (const params of [undefined, null, 42, 'p.meso', {}, { uri: 5 }]) {
            await expect(call(method, params)).rejects.toMatchObject({
                code: -32602,
                message: `${method} expects params { uri: string }, got ${JSON.stringify(params) ?? 'nothing'}.`
            });
        }
    });
});
