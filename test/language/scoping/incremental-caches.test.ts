import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { UriSetCache } from '../../../src/language/scoping/uri-set-cache.js';
import { buildFiles, codes, createTestServices, editDocument, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const uri = (name: string) => URI.parse(`file:///ws/${name}`);

/** Gives a file new text and rebuilds it the way the language server does on an edit. */
const edit = (name: string, text: string) => editDocument(services, uri(name), text);

const FILES = {
    'lib.meso': 'substance foo { concentration 10 mg/mL }\nlimit depth <= 4 mm',
    'other.meso': 'substance bar { }',
    'p.meso': 'import "lib.meso"\nprotocol p { mixture m { foo 1 mL } }'
};

describe('caches kept across edits of unrelated files', () => {
    test('an entry survives edits of other documents and is recomputed when one of its documents changes', async () => {
        await buildFiles(services, FILES);
        const cache = new UriSetCache<number>(services.shared);
        let computed = 0;
        const get = (uris: string[]) => cache.get('k', new Set(uris), () => ++computed);
        expect(get([uri('lib.meso').toString()])).toBe(1);
        await edit('other.meso', 'substance baz { }');
        await edit('p.meso', 'import "lib.meso"\nprotocol p { mixture m { foo 2 mL } }');
        expect(get([uri('lib.meso').toString()])).toBe(1);
        await edit('lib.meso', 'substance foo { concentration 20 mg/mL }');
        expect(get([uri('lib.meso').toString()])).toBe(2);
        // Asked with another set of documents (e.g. a file added to the imports): recomputed.
        expect(get([uri('lib.meso').toString(), uri('other.meso').toString()])).toBe(3);
    });

    test('a protocol sees a renamed substance of its formulary, and its own edits keep the formulary\'s names', async () => {
        const unresolved = () => codes(docs['p.meso']).filter(c => c === 'unresolved-name').length;
        const docs = await buildFiles(services, FILES);
        expect(unresolved()).toBe(0);
        await edit('lib.meso', 'substance fooz { concentration 10 mg/mL }');
        expect(unresolved()).toBe(1);
        await edit('lib.meso', FILES['lib.meso']);
        expect(unresolved()).toBe(0);
        await edit('p.meso', 'import "lib.meso"\nprotocol p { mixture m { foo 1 mL  bar 1 mL } }');
        expect(unresolved()).toBe(1);
        await edit('p.meso', 'import "lib.meso"\nimport "other.meso"\nprotocol p { mixture m { foo 1 mL  bar 1 mL } }');
        expect(unresolved()).toBe(0);
    });

    test('a protocol that uses its formulary sees a changed limit of it', async () => {
        const protocol = 'import "lib.meso"\nprotocol p { mixture m { foo 1 mL } technique t { depth 5 mm } }';
        const docs = await buildFiles(services, { ...FILES, 'p.meso': protocol });
        expect(codes(docs['p.meso'])).toContain('depth-out-of-range');
        await edit('lib.meso', 'substance foo { concentration 10 mg/mL }\nlimit depth <= 6 mm');
        expect(codes(docs['p.meso'])).not.toContain('depth-out-of-range');
    });
});
