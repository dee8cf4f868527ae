import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { PROTOCOL, positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('rename', () => {
    test('renames a mixture and its uses', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const edit = await services.lsp.RenameProvider!.rename(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'antalgic'), newName: 'pain_mix' });
        const edits = edit!.changes![doc.uri.toString()];
        expect(edits).toHaveLength(2);
        expect(edits.every(e => e.newText === 'pain_mix')).toBe(true);
    });

    test('refuses std names and keywords', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const at = (marker: string) => ({ textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
        await expect(Promise.resolve().then(() => services.lsp.RenameProvider!.prepareRename(doc, at('lidocaine')))).rejects.toThrow(/declared in the std library/);
        await expect(services.lsp.RenameProvider!.rename(doc, { ...at('antalgic'), newName: 'session' })).rejects.toThrow(/keyword/);
        await expect(services.lsp.RenameProvider!.rename(doc, { ...at('antalgic'), newName: '2mix' })).rejects.toThrow(/not a valid name/);
    });
});
