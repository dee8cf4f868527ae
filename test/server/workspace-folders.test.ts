// Workspace folders added and removed while the server runs (workspace/didChangeWorkspaceFolders,
// advertised as changeNotifications): the added folder's .meso files are loaded and its imports
// resolve; the removed folder's files leave the server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUEST_TIMEOUT_MS, startSession, type Session } from '../helpers/lsp-session.js';

let session: Session;
let other: string;

beforeAll(async () => {
    session = await startSession();
    other = mkdtempSync(join(tmpdir(), 'meso-folder-'));
    writeFileSync(join(other, 'second.meso'), 'import "shared.meso"\nprotocol second_folder {\n    indication pain\n}\n');
    writeFileSync(join(other, 'shared.meso'), 'class second_folder_class\n');
}, 60_000);
afterAll(async () => {
    await session?.close();
    rmSync(other, { recursive: true, force: true });
});

async function symbolNames(query: string): Promise<string[]> {
    const got = await session.client.request<Array<{ name: string }>>('workspace/symbol', { query }, REQUEST_TIMEOUT_MS);
    return got.result.map(s => s.name).sort();
}

/** Asks until the answer holds (the folder is loaded in the background), for at most 20 s. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
    for (let i = 0; i < 100; i++) {
        if (await check()) return true;
        await sleep(200);
    }
    return false;
}

describe('workspace folders at run time', () => {
    test('an added folder is loaded, a removed one dropped', async () => {
        expect(await symbolNames('second_folder')).toEqual([]);
        const folder = { uri: pathToFileURL(other).href, name: 'other' };
        session.client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
        expect(await eventually(async () => (await symbolNames('second_folder')).length === 2)).toBe(true);
        expect(await symbolNames('second_folder')).toEqual(['second_folder', 'second_folder_class']);
        // Its import resolves inside the new folder (which is now a project folder).
        const uri = pathToFileURL(join(other, 'second.meso')).href;
        const published = session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text: 'import "shared.meso"\nprotocol second_folder {\n    indication pain\n}\n' } });
        expect((await published).diagnostics.map(d => (d as { code?: string }).code)).not.toContain('import-unresolved');
        session.client.notify('textDocument/didClose', { textDocument: { uri } });
        session.client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
        expect(await eventually(async () => (await symbolNames('second_folder')).length === 0)).toBe(true);
        // The first folder's symbols stay: the English example, its Italian twin in examples/it/, and the
        // twin's product, which the fuzzy query 'knee' also matches (k-n-e-e).
        expect(await symbolNames('knee')).toEqual(['ketoprofene_sale_di_lisina', 'knee_osteoarthritis', 'knee_osteoarthritis']);
    }, 60_000);
});
