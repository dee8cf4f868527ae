import { describe, expect, test } from 'vitest';
import { collectAfterLargeBuilds, fullGarbageCollection, LARGE_BUILD } from '../../src/server/collect-after-large-builds.js';
import { URI } from 'langium';
import type { MesoServices } from '../../src/language/meso-module.js';
import { buildFiles, createTestServices } from '../helpers/services.js';

const tick = () => new Promise(resolve => setImmediate(resolve));
const files = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}.meso`, `substance ${prefix}${i} { }`]));

/** Builds only these new documents (std already built), as the server builds a change. */
async function buildOnly(services: MesoServices, named: Record<string, string>): Promise<void> {
    const shared = services.shared;
    const docs = Object.entries(named).map(([name, text]) => shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`)));
    docs.forEach(doc => shared.workspace.LangiumDocuments.addDocument(doc));
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
}

describe('a full garbage collection after large builds', () => {
    test(`runs once after a build of ${LARGE_BUILD} documents, never after a build of fewer`, async () => {
        const services = createTestServices();
        let collections = 0;
        collectAfterLargeBuilds(services.shared, () => { collections++; });
        // The first build also validates the 13 std documents: keep it under the threshold.
        await buildFiles(services, files('a', 1));
        await tick();
        expect(collections, 'std and one file').toBe(0);
        await buildOnly(services, files('b', LARGE_BUILD - 1));
        await tick();
        expect(collections, `${LARGE_BUILD - 1} documents`).toBe(0);
        await buildOnly(services, files('c', LARGE_BUILD));
        await tick();
        expect(collections, `${LARGE_BUILD} documents`).toBe(1);
    });

    test('this Node lets the server collect', () => {
        expect(typeof fullGarbageCollection()).toBe('function');
    });
});
