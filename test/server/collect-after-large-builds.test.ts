import { describe, expect, test } from 'vitest';
import { collectAfterLargeBuilds, fullGarbageCollection, LARGE_BUILD } from '../../src/server/collect-after-large-builds.js';
import { buildFiles, createTestServices } from '../helpers.js';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('a full garbage collection after large builds', () => {
    test('runs once after a build of many documents, never after a build of a few', async () => {
        const services = createTestServices();
        let collections = 0;
        collectAfterLargeBuilds(services.shared, () => { collections++; });
        const many = Object.fromEntries(Array.from({ length: LARGE_BUILD }, (_, i) => [`f${i}.meso`, `substance s${i} { }`]));
        await buildFiles(services, many);
        await tick();
        expect(collections).toBe(1);
        await buildFiles(services, { 'one.meso': 'substance one { }', 'two.meso': 'substance two { }' });
        await tick();
        expect(collections, 'a build of a few documents').toBe(1);
    });

    test('this Node lets the server collect', () => {
        expect(typeof fullGarbageCollection()).toBe('function');
    });
});
