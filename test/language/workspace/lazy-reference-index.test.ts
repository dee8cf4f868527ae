import { AstUtils, URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isSubstance } from '../../../src/language/generated/ast.js';
import { buildFiles, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const FILES = {
    'lib.meso': 'substance foo { concentration 10 mg/mL }',
    'p.meso': 'import "lib.meso"\nprotocol p { mixture m { foo 1 mL  lidocaine 1 mL } session s { inject m } }'
};

describe('references are described when first read', () => {
    test('whether a change affects a document is answered the same before and after its references are described', async () => {
        const docs = await buildFiles(services, FILES);
        const index = services.shared.workspace.IndexManager;
        const lidocaine = AstUtils.streamAllContents(services.shared.workspace.LangiumDocuments.all
            .find(d => d.uri.scheme === 'meso-std' && d.textDocument.getText().includes('substance lidocaine'))!.parseResult.value)
            .find(n => isSubstance(n) && n.name === 'lidocaine')!;
        const stdUri = AstUtils.getDocument(lidocaine).uri.toString();
        const unrelated = new Set([URI.parse('file:///ws/other.meso').toString()]);
        const cases = () => [
            index.isAffected(docs['p.meso'], new Set([stdUri])),
            index.isAffected(docs['p.meso'], unrelated),
            index.isAffected(docs['lib.meso'], new Set([stdUri]))
        ];
        const before = cases();
        expect(before).toEqual([true, false, false]);
        // Reading references describes every document; the answers do not change.
        const refs = index.findAllReferences(lidocaine, services.workspace.AstNodeLocator.getAstNodePath(lidocaine)).toArray();
        // (std's own rules name lidocaine too: only the workspace's references are compared.)
        expect(refs.map(r => r.sourceUri.toString()).filter(u => u.startsWith('file:'))).toEqual([docs['p.meso'].uri.toString()]);
        expect(cases()).toEqual(before);
    });
});
