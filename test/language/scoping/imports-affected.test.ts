import { URI, UriUtils } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, codes, createTestServices, editDocument, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const FORMULARY = 'limit points per session <= 60 source "house rule"\n';
// 20 points: fine under the formulary's 60, too many under 6. It references nothing of the formulary.
const PROTOCOL = `import "formulary.meso"
protocol p {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { lidocaine 1 mL  saline 1 mL }
    technique t { needle 30G 4 mm  depth IDS  0.05 mL per point  20 points }
    session s { inject m using t }
    schedule { phase a: 1 session of s every 7 days }
}
`;

/** Changes a document's text the way the language server does: new text, then an update. */
const edit = (uri: URI, text: string) => editDocument(services, uri, text);

describe('a change to an imported file revalidates its importers', () => {
    test('lowering the formulary\'s points limit flags a protocol that imports it, through another file too', async () => {
        const docs = await buildFiles(services, {
            'formulary.meso': FORMULARY,
            'p.meso': PROTOCOL,
            'q.meso': PROTOCOL.replace('import "formulary.meso"', 'import "p.meso"').replace('protocol p', 'protocol q')
        });
        expect(codes(docs['p.meso'])).not.toContain('points-per-session');
        await edit(docs['formulary.meso'].uri, FORMULARY.replace('<= 60', '<= 6'));
        expect(codes(docs['p.meso'])).toContain('points-per-session');
        expect(codes(docs['q.meso'])).toContain('points-per-session');
        await edit(docs['formulary.meso'].uri, FORMULARY);
        expect(codes(docs['p.meso'])).not.toContain('points-per-session');
    });

    test('creating a file imported through another file, missing until then, revalidates the protocol', async () => {
        // The editor's compile gate reads these diagnostics: stale ones would let it compile what meso check refuses.
        const docs = await buildFiles(services, {
            'mid.meso': 'import "formulary.meso"\n',
            'p.meso': PROTOCOL.replace('import "formulary.meso"', 'import "mid.meso"')
        });
        expect(codes(docs['mid.meso'])).toEqual(['import-unresolved']);
        expect(codes(docs['p.meso'])).not.toContain('points-per-session');
        await edit(UriUtils.joinPath(UriUtils.dirname(docs['p.meso'].uri), 'formulary.meso'), FORMULARY.replace('<= 60', '<= 6: error'));
        expect(codes(docs['mid.meso'])).toEqual([]);
        expect(codes(docs['p.meso'])).toContain('points-per-session');
    });

    test('an unrelated file is left alone', async () => {
        const docs = await buildFiles(services, { 'formulary.meso': FORMULARY, 'other.meso': PROTOCOL.replace('import "formulary.meso"\n', '') });
        const before = docs['other.meso'].diagnostics;
        await edit(docs['formulary.meso'].uri, FORMULARY.replace('<= 60', '<= 6'));
        // Not revalidated: the very same diagnostics array, not a new one.
        expect(docs['other.meso'].diagnostics).toBe(before);
    });
});
